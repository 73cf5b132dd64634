-- reports: the wording officers give a report's paragraphs (report_template_override).
--
-- An override replaces the shipped default template of one paragraph (heading, caption, column
-- header) of one report kind ('progress') in one language. Timestamps are UTC ISO-8601 text with
-- milliseconds, written by the application.

CREATE TABLE report_template_override (
  report_key TEXT NOT NULL CHECK (length(report_key) BETWEEN 1 AND 50),
  paragraph_key TEXT NOT NULL CHECK (length(paragraph_key) BETWEEN 1 AND 100),
  language TEXT NOT NULL CHECK (language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')),
  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  updated_by BIGINT REFERENCES user_account (id) ON DELETE SET NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (report_key, paragraph_key, language)
);

