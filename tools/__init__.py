"""The measuring tools: their harness (harness.py), the demo site, Lighthouse, screenshots."""
