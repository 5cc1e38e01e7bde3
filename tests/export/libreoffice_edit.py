"""Run by Debian's /usr/bin/python3 (the UNO bridge): edit a .docx in LibreOffice as a
person would, with Track Changes on, and save it as .docx again.

    python3 libreoffice_edit.py IN.docx OUT.docx "Author Name" '[["old words", "new words"], ...]'

Each pair replaces the first occurrence of the old words (an empty new text deletes them);
the changes are recorded under the author's name (LibreOffice's user name)."""
import json
import os
import shutil
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


def main(source, target, author, replacements):
    profile = tempfile.mkdtemp(prefix="lo-edit-")
    pipe = f"penholderedit{os.getpid()}"
    office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo",
                               f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(480):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.25)
        else:
            raise SystemExit("LibreOffice did not start")
        manager = context.ServiceManager
        config = manager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", context)
        data = config.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
                                                  (prop("nodepath", "/org.openoffice.UserProfile/Data"),))
        given, _, family = author.partition(" ")
        data.setPropertyValue("givenname", given)
        data.setPropertyValue("sn", family)
        data.commitChanges()
        desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0,
                                           (prop("Hidden", True),))
        doc.RecordChanges = True
        for old, new in replacements:
            search = doc.createSearchDescriptor()
            search.SearchString = old
            found = doc.findFirst(search)
            if found is None:
                raise SystemExit(f"not found: {old}")
            found.setString(new)
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), (prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        office.terminate()
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4]))
