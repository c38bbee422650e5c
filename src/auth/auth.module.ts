import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/config';
import { AccessTokenGuard } from './access-token.guard';
import { AccountMailThrottle } from './account-mail-throttle';
import { ACCOUNT_PROVIDERS } from './account-providers';
import { AccountToken } from './account-token.entity';
import { AuthRecordsRetention } from './auth-records-retention';
import { ACCESS_TOKEN_TTL_SECONDS, AuthService } from './auth.service';
import { AuthResolver } from './auth.resolver';
import { Authenticator } from './authenticator';
import { LoginThrottleService } from './login-throttle.service';
import { LoginThrottleStore } from './login-throttle.store';
import { MFA_ENTITIES, MFA_PROVIDERS } from './mfa/mfa-providers';
import { MfaEnrolmentService } from './mfa/mfa-enrolment.service';
import { PasswordConfirmation } from './password-confirmation';
import { PasswordHasher } from './password-hasher';
import { AuthSession, LoginThrottle, RefreshToken } from './session.entity';
import { SessionCache } from './session-cache';
import { SessionStore } from './session.store';
import { User } from './user.entity';
import { UsersService } from './users.service';
import { UsersStore } from './users.store';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([User, AuthSession, RefreshToken, LoginThrottle, AccountToken, ...MFA_ENTITIES]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A key object: given a string, jsonwebtoken tries to parse it as a public key on every verify.
        secret: createSecretKey(Buffer.from(config.jwtSecret)),
        signOptions: { algorithm: 'HS256', expiresIn: ACCESS_TOKEN_TTL_SECONDS },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [
    UsersStore,
    SessionCache,
    SessionStore,
    LoginThrottleStore,
    AuthService,
    Authenticator,
    PasswordHasher,
    PasswordConfirmation,
    AuthRecordsRetention,
    LoginThrottleService,
    UsersService,
    AuthResolver,
    ...ACCOUNT_PROVIDERS,
    ...MFA_PROVIDERS,
    { provide: APP_GUARD, useClass: AccessTokenGuard },
  ],
  exports: [UsersService, Authenticator, MfaEnrolmentService, AccountMailThrottle],
})
export class AuthModule {}
