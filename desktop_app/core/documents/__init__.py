"""Document formats: one module per format behind the Importer/Exporter protocol in base.py."""
