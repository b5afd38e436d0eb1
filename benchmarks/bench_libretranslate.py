"""500 segments through a real LibreTranslate server on loopback against the local Argos
engine on the same tiny model, in one run: the cost of the network hop, and the effect
of the batch size."""

from __future__ import annotations

import time
from pathlib import Path

from desktop_app.core.mt import argos
from desktop_app.core.mt.libretranslate import LibreTranslateEngine
from desktop_app.core.settings import Settings
from tests.fixtures.libretranslate_server import Server
from tests.fixtures.tiny_models import build_argos_package

N = 500


def main(home: Path) -> None:
    en_fa = build_argos_package(home / "lt-en_fa.argosmodel", "en", "fa", version="2.0",
                                with_splitter=True)
    fa_en = build_argos_package(home / "lt-fa_en.argosmodel", "fa", "en", version="2.0",
                                seed=5, with_splitter=True)
    texts = [f"The resistance in Panjshir reported attack number {n} near Bazarak." for n in
             range(N)]
    info = argos.install(en_fa)
    local = argos.BACKEND.engine(info, Settings())
    local.translate(texts[:8], "en", "fa")  # load the model
    start = time.perf_counter()
    local.translate(texts, "en", "fa")
    local_time = time.perf_counter() - start

    server = Server([en_fa, fa_en]).start()
    try:
        print(f"LibreTranslate on loopback, {N} segments, same tiny model:")
        print(f"  local Argos engine:             {local_time:.2f} s "
              f"({1000 * local_time / N:.2f} ms/segment)")
        for batch in (1, 8, 32, 100):
            engine = LibreTranslateEngine(server.url, batch_size=batch)
            engine.translate(texts[:4], "en", "fa")  # warm up the server's lazy load
            start = time.perf_counter()
            engine.translate(texts, "en", "fa")
            remote = time.perf_counter() - start
            print(f"  LibreTranslate, batch {batch:>3}:      {remote:.2f} s "
                  f"({1000 * remote / N:.2f} ms/segment, {remote / local_time:.2f}x local)")
    finally:
        server.close()
