import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Actor } from '../common/request-context';
import { AccessTokenClaims, AuthService } from './auth.service';
import { AppConfig } from '../config/config';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly auth: AuthService,
    config: AppConfig,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  /** A token is only as good as its session: logout and refresh-token reuse end it at once. */
  async validate(claims: AccessTokenClaims): Promise<Actor | false> {
    return (await this.auth.actorFor(claims)) ?? false;
  }
}
