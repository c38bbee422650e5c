import { describeApp, ok } from './support/harness';
import { registerUser } from './support/factories';

describeApp('smoke', ({ app }) => {
  it('registers and answers me', async () => {
    const user = await registerUser(app);
    const data = ok(await app.graphql('{ me { id email } }', {}, { token: user.token }));
    expect(data.me).toEqual({ id: user.id, email: user.email });
  });
});
