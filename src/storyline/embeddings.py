"""Sentence embeddings from weights that ship inside a registry package (wordllama), loaded offline."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.errors import StorylineError

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

# The wheel carries one 256-dimension model; its file names are fixed by the package.
WEIGHTS = Path("weights") / "l2_supercat_256.safetensors"
TOKENIZER = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
DIMENSIONS = 256


class EmbeddingsMissing(StorylineError):
    pass


class Embedder:
    """Unit-length sentence vectors: the mean of the package's token vectors, normalised."""

    def __init__(self, package_dir: Path) -> None:
        import numpy as np
        from safetensors import safe_open
        from tokenizers import Tokenizer

        # Load both files from the package folder ourselves: the package's own loader
        # looks for the tokenizer under another folder name and would go to the hub.
        with safe_open(str(package_dir / WEIGHTS), framework="np", device="cpu") as f:
            self.table = np.ascontiguousarray(f.get_tensor("embedding.weight").astype(np.float32))
        self.tokenizer = Tokenizer.from_file(str(package_dir / TOKENIZER))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()

    def embed(self, texts: list[str], batch: int = 256) -> NDArray[np.float32]:
        import numpy as np

        out = np.zeros((len(texts), self.table.shape[1]), dtype=np.float32)
        for start in range(0, len(texts), batch):
            encoded = self.tokenizer.encode_batch(texts[start : start + batch], add_special_tokens=False)
            for row, enc in enumerate(encoded, start):
                ids = np.clip(np.asarray(enc.ids, dtype=np.int64), 0, self.table.shape[0] - 1)
                if len(ids):
                    out[row] = self.table[ids].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms


def package_dir() -> Path:
    spec = importlib.util.find_spec("wordllama")
    if spec is None or spec.origin is None:
        raise EmbeddingsMissing(
            "the wordllama package is not installed: run `make setup`, "
            "or `pip install wordllama==0.4.0.post1`"
        )
    return Path(spec.origin).parent


@lru_cache(maxsize=1)
def load() -> Embedder:
    """The embedder, loaded once per process from files inside the installed package."""
    folder = package_dir()
    for part in (WEIGHTS, TOKENIZER):
        if not (folder / part).is_file():
            raise EmbeddingsMissing(f"wordllama is installed but {folder / part} is missing: reinstall it")
    return Embedder(folder)
