"""The classroom grading service for JupyterHub (``python -m airoadmap_lab.hub``)."""
