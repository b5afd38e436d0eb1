"""MADLAD-400 MT models (Google, Apache-2.0) converted to CTranslate2: a T5 encoder-decoder
with one SentencePiece model. The target language is a token put before the source text
(``<2ps> text</s>``); decoding has no target prefix.

Language tokens, checked against the list of ``<2xx>`` tokens of the MADLAD-400 vocabulary
(419 languages): Dari is ``<2prs>``, Pashto ``<2ps>`` (there is no ``<2pbt>``), Persian
``<2fa>``, English ``<2en>``. A model serves the languages whose tokens its vocabulary
holds. float16 conversions are known to produce garbage, so on a GPU the weights run as
int8 with float32 activations.
"""

from __future__ import annotations

from typing import Any

from desktop_app.core.i18n import N_
from desktop_app.core.mt.folder_models import FolderBackend, SpEngine, lang_token

LICENSE_NOTE = N_("MADLAD-400 weights are Apache-2.0")
TOKENS = {"en": "<2en>", "prs": "<2prs>", "ps": "<2ps>", "fa": "<2fa>"}


class MadladEngine(SpEngine):
    name = "madlad"

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.note = ""

    def encode(self, text: str, source: str, target: str) -> list[str]:
        head = [lang_token(TOKENS, target)] if target else []
        return [*head, *self.pieces(text), "</s>"]


class MadladBackend(FolderBackend):
    name = "madlad"
    folder = "madlad"
    title = "MADLAD-400"
    description = N_("MADLAD-400 CTranslate2 model folder or .zip")
    license_note = LICENSE_NOTE
    sp_names = ("sentencepiece.model", "spiece.model", "sentencepiece.bpe.model", "spm.model")
    engine_class = MadladEngine

    def language_tokens(self) -> dict[str, str]:
        return dict(TOKENS)

    def gpu_compute_type(self) -> str:
        return "int8_float32"


BACKEND = MadladBackend()
