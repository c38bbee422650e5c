import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/config';
import { AccessTokenGuard } from './access-token.guard';
import { ACCESS_TOKEN_TTL_SECONDS, AuthService } from './auth.service';
import { AuthResolver } from './auth.resolver';
import { JwtStrategy } from './jwt.strategy';
import { LoginThrottleService } from './login-throttle.service';
import { AuthSession, LoginThrottle, RefreshToken } from './session.entity';
import { User } from './user.entity';
import { UsersService } from './users.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([User, AuthSession, RefreshToken, LoginThrottle]),
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { algorithm: 'HS256', expiresIn: ACCESS_TOKEN_TTL_SECONDS },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [
    AuthService,
    LoginThrottleService,
    UsersService,
    JwtStrategy,
    AuthResolver,
    { provide: APP_GUARD, useClass: AccessTokenGuard },
  ],
  exports: [UsersService],
})
export class AuthModule {}
