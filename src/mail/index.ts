/**
 * What other modules may use of the mail module: the outbox, the template registry, and how to
 * write a template. Nothing here imports another module, so modules that send mail (auth among
 * them) and the mail module, which reads their people, load in any order; app.module wires
 * MailModule from its own file.
 */
export { MailOutbox } from './mail-outbox';
export { BuiltRecipient, escapeHtml, html, Html, mailDate, MailLanguage, MailRecipient, MailTemplate, OutgoingMail, otherLanguage, RenderedMail } from './mail-template';
export { MailTemplates } from './mail-templates';
