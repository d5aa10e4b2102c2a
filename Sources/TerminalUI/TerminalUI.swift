// The terminal UI toolkit: canvas, widths, widgets.
