-- Moderators of comments (decision 0025): a capability an administrator gives to a person of any
-- role — a citizen volunteer, an NGO's representative, an observer — besides the secretariat and
-- the administrators, who moderate by their role.
ALTER TABLE users ADD COLUMN moderator boolean NOT NULL DEFAULT false;
