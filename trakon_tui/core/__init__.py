"""The pure core: models, loading, validation. Never imports Textual."""
