"""Demo content: a sample draft in kk/ru/en and a synthetic proposal generator."""
