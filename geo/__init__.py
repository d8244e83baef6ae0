"""Welcome Atlas domain package: pure Python, never imports streamlit."""
