//! Kansli's documents: minutes, protokollsutdrag, kallelse and anslag rendered as PDF/A, HTML and text.
