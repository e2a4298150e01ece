-- A secret per user for the address of their personal calendar feed (their meetings and invitations),
-- which calendar programs fetch without cookies. Stored hashed, like every other token.
ALTER TABLE users ADD COLUMN calendar_token_hash text UNIQUE;
