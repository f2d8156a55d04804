"""Portal: the brand's public complaint form and tracking page."""
