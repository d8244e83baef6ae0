"""Presenter mode: saved views as slides, ordered into stories, shown full screen or exported
as one self-contained HTML file and a PDF handout."""
