"""Run by Debian's /usr/bin/python3 (which has the UNO bridge), not by the test venv:
opens a .docx in a headless LibreOffice, accepts or rejects every tracked change, and
saves the result as plain text (or converts to PDF).

    python3 libreoffice_changes.py IN.docx accept|reject|pdf OUT
"""
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(source, action, target):
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    pipe = f"penholder{os.getpid()}"
    office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo",
                               f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(120):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        else:
            raise SystemExit("LibreOffice did not start")
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0,
                                           (prop("Hidden", True),))
        if action in ("accept", "reject"):
            helper = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
            command = ".uno:AcceptAllTrackedChanges" if action == "accept" else ".uno:RejectAllTrackedChanges"
            helper.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), (prop("FilterName", "Text"),))
        else:
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), (prop("FilterName", "writer_pdf_Export"),))
        doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        office.terminate()
        office.wait(timeout=30)


if __name__ == "__main__":
    main(*sys.argv[1:4])
