"""Synthetic demo data for the whole Kabupaten Pasuruan, anchored to real public figures.

``generate_demo(out_dir, scale, seed)`` writes the raw files the ingest reads (Dukcapil, DTSEN, PKH,
penduduk tahunan) plus ``DEMO.json``, the ground truth of the injected data problems. See ``docs/demo.md``.
"""

from cc_analytics.demo.generator import DemoSummary, generate_demo

__all__ = ["DemoSummary", "generate_demo"]
