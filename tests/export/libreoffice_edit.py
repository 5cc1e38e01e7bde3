"""Run by Debian's /usr/bin/python3 (the UNO bridge): edit a .docx in LibreOffice as a
person would, with Track Changes on, and save it as .docx again.

    python3 libreoffice_edit.py IN.docx OUT.docx "Author Name" '[["old words", "new words"], ...]'

Each pair replaces the first occurrence of the old words (an empty new text deletes them);
the changes are recorded under the author's name (LibreOffice's user name)."""
import json
import os
import sys

import uno
from libreoffice_uno import prop, running_office       # beside this script, on sys.path


def main(source, target, author, replacements):
    with running_office("edit") as context:
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


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4]))
