-- Latin-script Kazakh (decision 0018): a user whose language is Kazakh may read Kenes's e-mails and
-- personal calendar in the 2021 Latin alphabet, with links to the /kk-latn/ edition. The language
-- stays 'kk' (every text is chosen by it); the script is how it is written. An invitation carries
-- the choice to the account it creates.
ALTER TABLE users
  ADD COLUMN latin_script boolean NOT NULL DEFAULT false,
  ADD CONSTRAINT users_latin_script_kazakh CHECK (NOT latin_script OR locale = 'kk');
ALTER TABLE invitations
  ADD COLUMN latin_script boolean NOT NULL DEFAULT false,
  ADD CONSTRAINT invitations_latin_script_kazakh CHECK (NOT latin_script OR locale = 'kk');
