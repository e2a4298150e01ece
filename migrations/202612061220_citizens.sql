-- Citizens (issue 14, decision 0021): sign-up with e-mail confirmation and consent to the terms and
-- the privacy notice, deleting one's own account, and public support for proposals.

-- An account is confirmed when its owner has shown they read its address: an invitation's link does
-- that, so every account but a signed-up one starts confirmed (the default); sign-up inserts NULL.
ALTER TABLE users
  ADD COLUMN email_confirmed_at timestamptz DEFAULT now(),
  -- Deleting one's own account keeps the row (what it wrote keeps an author, "deleted user") but
  -- clears its personal data: the name, the e-mail (a placeholder on the reserved .invalid domain,
  -- so the column's rules hold), the password and the sessions.
  ADD COLUMN deleted_at timestamptz,
  ADD CONSTRAINT users_deleted_disabled CHECK (deleted_at IS NULL OR disabled_at IS NOT NULL);

-- A confirmation link: only its SHA-256 is kept, like reset links; one use, 48 hours.
CREATE TABLE email_confirmations (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash  text NOT NULL UNIQUE,
  user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX email_confirmations_user_idx ON email_confirmations (user_id);

-- The terms of use and the privacy notice, every version kept: an edit adds the next version, and a
-- consent names the version it was given to.
CREATE TABLE legal_texts (
  kind        text NOT NULL CHECK (kind IN ('terms', 'privacy')),
  version     integer NOT NULL CHECK (version >= 1),
  body        jsonb NOT NULL CHECK (is_required_translated_text(body)),
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  bigint REFERENCES users (id) ON DELETE SET NULL,
  PRIMARY KEY (kind, version)
);

CREATE TABLE consents (
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind         text NOT NULL,
  version      integer NOT NULL,
  accepted_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, kind, version),
  FOREIGN KEY (kind, version) REFERENCES legal_texts (kind, version) ON DELETE RESTRICT
);

INSERT INTO legal_texts (kind, version, body) VALUES
  ('terms', 1, jsonb_build_object(
    'kk', E'Kenes — кеңестің ашық алаңы. Тіркелу арқылы сіз өз атыңыздан шынайы ақпарат беруге, басқаларды құрметтеуге және заңды бұзбауға келісесіз.\n\nХатшылық бұл мәтінді толықтыра алады.',
    'ru', E'Kenes — открытая площадка совета. Регистрируясь, вы соглашаетесь сообщать о себе правдивые сведения, уважать других участников и соблюдать закон.\n\nСекретариат может дополнить этот текст.',
    'en', E'Kenes is the open platform of the council. By signing up you agree to give true information about yourself, to respect the other participants and to obey the law.\n\nThe secretariat may complete this text.')),
  ('privacy', 1, jsonb_build_object(
    'kk', E'Біз сіздің атыңызды, электрондық поштаңызды, тіліңізді және келісім берген уақытыңызды сақтаймыз. Оларды тек алаңның жұмысы үшін пайдаланамыз және үшінші тұлғаларға бермейміз. Аккаунтыңызды кез келген уақытта жоя аласыз.',
    'ru', E'Мы храним ваше имя, адрес электронной почты, язык и время вашего согласия. Мы используем их только для работы площадки и не передаём третьим лицам. Вы можете удалить свою учётную запись в любое время.',
    'en', E'We keep your name, e-mail address, language and the time of your consent. We use them only to run the platform and give them to no one else. You can delete your account at any time.'));

-- What becomes of a deleted account's comments: kept as "deleted user" or removed (the comments
-- feature applies it through the accountDeleted extension point).
INSERT INTO settings (key, value) VALUES ('comments_on_account_deletion', '"anonymise"');

-- Support for a public proposal: a citizen's own, or an organisation's given by its representative
-- (once per organisation, whoever of its representatives gives or withdraws it). Withdrawing deletes the row.
CREATE TABLE proposal_supports (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  proposal_id      bigint NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  user_id          bigint REFERENCES users (id) ON DELETE CASCADE,
  organisation_id  bigint REFERENCES organisations (id) ON DELETE CASCADE,
  given_by         bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((user_id IS NULL) <> (organisation_id IS NULL))
);
CREATE UNIQUE INDEX proposal_supports_user_uq ON proposal_supports (proposal_id, user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX proposal_supports_organisation_uq ON proposal_supports (proposal_id, organisation_id)
  WHERE organisation_id IS NOT NULL;
CREATE INDEX proposal_supports_proposal_idx ON proposal_supports (proposal_id);
CREATE INDEX proposal_supports_user_idx ON proposal_supports (user_id) WHERE user_id IS NOT NULL;
