"""The parts of huggingface_hub that model downloads call, checked on the installed
version (CI also runs this on the lowest version pyproject.toml allows).

``downloads.py`` fetches each file with ``file_download.http_get`` into a ``.part`` file
kept across runs, so a killed download resumes where it stopped: ``hf_hub_download``
restarts its own temporary file from zero on every run in huggingface_hub 2. http_get is
not exported at the package's top level, hence the major version pinned in pyproject.toml
and this check of every name and parameter the code relies on."""

from __future__ import annotations

import inspect
import tomllib

from packaging.requirements import Requirement
from packaging.version import Version

from tests.conftest import ROOT


def test_the_download_calls_exist_with_the_parameters_used() -> None:
    import huggingface_hub
    from huggingface_hub import HfApi, constants, get_hf_file_metadata, hf_hub_url
    from huggingface_hub.file_download import http_get
    from huggingface_hub.utils.tqdm import tqdm

    params = inspect.signature(http_get).parameters
    for name in ("resume_size", "expected_size", "displayed_filename", "tqdm_class"):
        assert params[name].kind is inspect.Parameter.KEYWORD_ONLY, name
    assert list(params)[:2] == ["url", "temp_file"]
    assert {"timeout"} <= set(inspect.signature(get_hf_file_metadata).parameters)
    assert {"revision", "endpoint"} <= set(inspect.signature(hf_hub_url).parameters)
    assert {"revision", "files_metadata", "timeout"} <= set(
        inspect.signature(HfApi.model_info).parameters)
    assert isinstance(constants.HF_HUB_OFFLINE, bool)
    assert callable(tqdm.update)
    # the installed version is inside the range pyproject.toml declares
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = next(Requirement(r) for r in project["dependencies"]
                  if Requirement(r).name == "huggingface_hub")
    assert Version(huggingface_hub.__version__) in wanted.specifier
    assert any(s.operator == "<" for s in wanted.specifier), "pin the major version tested"
