import type { z } from 'zod';
import type { ApiKeyView, CreatedApiKey } from '../../../../api-keys/api-keys.schemas';
import type { SessionResponse } from '../../../../sessions/sessions.schemas';

/** A key as GET /me/keys and /users/:id/keys list it: never the key itself. */
export type KeyView = ApiKeyView;
/** The answer of issuing a key: the key itself (`apiKey`), shown this once. */
export type IssuedKey = z.output<typeof CreatedApiKey>;
/** A console session; `current` marks the one this browser is signed in with. */
export type SessionView = SessionResponse;
