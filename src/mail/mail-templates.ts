import { Injectable } from '@nestjs/common';
import { MailTemplate } from './mail-template';

/** The templates messages are built with, registered by the modules that own them (in their onModuleInit). */
@Injectable()
export class MailTemplates {
  private readonly templates = new Map<string, MailTemplate<any>>();

  register(template: MailTemplate<any>): void {
    if (this.templates.has(template.name)) throw new Error(`Mail template ${template.name} is registered twice`);
    this.templates.set(template.name, template);
  }

  get(name: string): MailTemplate | undefined {
    return this.templates.get(name);
  }
}
