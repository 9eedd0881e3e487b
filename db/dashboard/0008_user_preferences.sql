-- What each user chose for the dashboard's look (issue 9): the theme, 'system' (follow the browser's light/dark
-- preference, the default when there is no row), 'light' or 'dark'. Remembered on the server so that it follows the
-- user to every browser; written by the user menu, read with the page.
CREATE TABLE dashboard.user_preferences (
    user_id    text        PRIMARY KEY REFERENCES dashboard.users ("Id") ON DELETE CASCADE,
    theme      text        NOT NULL CHECK (theme IN ('system', 'light', 'dark')),
    updated_at timestamptz NOT NULL
);
