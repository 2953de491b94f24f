"""FormCheck in the browser: ``make app`` (or ``streamlit run app.py``)."""

from formcheck.app.main import run

run()
