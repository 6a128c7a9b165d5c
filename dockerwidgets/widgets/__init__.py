"""Widgets: panels, the console's view, pull bars and questions. Imported only when a widget is made."""
