"""Generated corpora for `storyline bench --generate`: many made-up stories whose truth is known."""

from storyline.bench_corpus.generate import stories, truth_file, write_corpus
from storyline.bench_corpus.truth import bcubed_f1, read_truth, score

__all__ = ["bcubed_f1", "read_truth", "score", "stories", "truth_file", "write_corpus"]
