import pytest

from tests.export.libreoffice import LibreOffice, available


@pytest.fixture(scope="session")
def libreoffice():
    """One headless LibreOffice for the session (skipped where it is not installed;
    .ci/run installs it)."""
    if not available():
        pytest.skip("LibreOffice with its Python bridge is not installed (.ci/run installs it)")
    office = LibreOffice()
    yield office
    office.shutdown()
