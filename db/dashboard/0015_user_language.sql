-- Each user's language (issue 10): 'es-AR' (Spanish of Argentina) or 'en' (English), beside the theme. NULL, the
-- default, means not chosen: the page then follows the language cookie, then the browser's Accept-Language. A row
-- written only for the language keeps the theme's default, 'system'.
ALTER TABLE dashboard.user_preferences ADD COLUMN language text CHECK (language IN ('es-AR', 'en'));
