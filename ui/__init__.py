"""The browser front end: a Gradio app over the same ``Assistant`` as the CLI.

``ui.app`` imports gradio; the other modules (render, source, charts, documents, reports, chat)
are plain Python that turn records and answers into escaped HTML or Markdown.
"""
