"""Editing a downloaded .docx as a person would in Word, for the round-trip tests: the
XML of word/document.xml changed in place (text retyped, paragraphs added, deleted and
moved, with or without tracked changes), every other part kept as it was."""
import copy
import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


class Edit:
    def __init__(self, data: bytes, part: str = "word/document.xml"):
        self.data, self.part = data, part
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.root = etree.fromstring(archive.read(part))
        self.body = self.root.find(q("body")) if part == "word/document.xml" else self.root

    def paragraphs(self):
        return list(self.body.iter(q("p")))

    def text(self, p) -> str:
        return "".join(t.text or "" for t in p.iter(q("t")))

    def find(self, contains: str):
        found = [p for p in self.paragraphs() if contains in self.text(p)]
        assert len(found) == 1, (contains, [self.text(p) for p in found])
        return found[0]

    def retype(self, contains: str, old: str, new: str):
        """Replaces words inside one run (as typing over them does, tracking off)."""
        p = self.find(contains)
        for t in p.iter(q("t")):
            if old in (t.text or ""):
                t.text = t.text.replace(old, new)
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                return self
        raise AssertionError(f"{old!r} is not inside one run of {contains!r}")

    def tracked_replace(self, contains: str, old: str, new: str, author: str, date="2026-12-01T09:00:00Z"):
        """The same with Track Changes on: the old words a w:del, the new a w:ins."""
        p = self.find(contains)
        for r in list(p.iter(q("r"))):
            t = r.find(q("t"))
            if t is None or old not in (t.text or ""):
                continue
            before, after = t.text.split(old, 1)
            parent, at = r.getparent(), r.getparent().index(r)
            rpr = r.find(q("rPr"))

            def make(text, tag="t"):
                run = etree.Element(q("r"))
                if rpr is not None:
                    run.append(copy.deepcopy(rpr))
                el = etree.SubElement(run, q(tag))
                el.text = text
                el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                return run
            pieces = []
            if before:
                pieces.append(make(before))
            deleted = etree.Element(q("del"), {q("id"): "901", q("author"): author, q("date"): date})
            deleted.append(make(old, "delText"))
            inserted = etree.Element(q("ins"), {q("id"): "902", q("author"): author, q("date"): date})
            inserted.append(make(new))
            pieces += [deleted, inserted]
            if after:
                pieces.append(make(after))
            parent.remove(r)
            for i, piece in enumerate(pieces):
                parent.insert(at + i, piece)
            return self
        raise AssertionError(f"{old!r} not found in {contains!r}")

    def insert_after(self, contains: str, text: str, style: str | None = None, tracked_by: str | None = None):
        """A new paragraph after the one holding `contains` (Enter at its end, then typing)."""
        p = self.find(contains)
        new = etree.Element(q("p"))
        if style:
            ppr = etree.SubElement(new, q("pPr"))
            etree.SubElement(ppr, q("pStyle"), {q("val"): style})
            if tracked_by:
                rpr = etree.SubElement(ppr, q("rPr"))
                etree.SubElement(rpr, q("ins"), {q("id"): "903", q("author"): tracked_by,
                                                 q("date"): "2026-12-01T09:00:00Z"})
        run = etree.Element(q("r"))
        t = etree.SubElement(run, q("t"))
        t.text = text
        if tracked_by:
            ins = etree.SubElement(new, q("ins"), {q("id"): "904", q("author"): tracked_by,
                                                  q("date"): "2026-12-01T09:00:00Z"})
            ins.append(run)
        else:
            new.append(run)
        p.addnext(new)
        return self

    def delete(self, contains: str):
        """Removes a paragraph and the bookmarks that start in it (as deleting a whole
        article in Word does)."""
        p = self.find(contains)
        p.getparent().remove(p)
        return self

    def move_before(self, contains: str, before: str):
        p, target = self.find(contains), self.find(before)
        p.getparent().remove(p)
        target.addprevious(p)
        return self

    def tracked_move(self, contains: str, before: str, author: str, date="2026-12-01T09:00:00Z"):
        """Moves a paragraph with Track Changes on, as Word writes it: the old place a
        w:moveFrom range (its bookmarks stay there), the new place a w:moveTo range."""
        p, target = self.find(contains), self.find(before)
        who = {q("author"): author, q("date"): date}
        copy_ = copy.deepcopy(p)
        for mark in list(copy_.iter(q("bookmarkStart"))) + list(copy_.iter(q("bookmarkEnd"))):
            mark.getparent().remove(mark)

        def wrap(paragraph, tag, rid):
            ppr = paragraph.find(q("pPr"))
            if ppr is None:
                ppr = etree.Element(q("pPr"))
                paragraph.insert(0, ppr)
            rpr = ppr.find(q("rPr"))
            if rpr is None:
                rpr = etree.SubElement(ppr, q("rPr"))
            etree.SubElement(rpr, q(tag), {q("id"): str(rid), **who})
            runs = [child for child in paragraph if child.tag == q("r")]
            holder = etree.Element(q(tag), {q("id"): str(rid + 1), **who})
            if runs:
                runs[0].addprevious(holder)
                for r in runs:
                    holder.append(r)
        wrap(p, "moveFrom", 950)
        wrap(copy_, "moveTo", 960)
        p.addprevious(etree.Element(q("moveFromRangeStart"), {q("id"): "970", q("name"): "move1", **who}))
        p.addnext(etree.Element(q("moveFromRangeEnd"), {q("id"): "970"}))
        target.addprevious(etree.Element(q("moveToRangeStart"), {q("id"): "971", q("name"): "move1", **who}))
        target.addprevious(copy_)
        target.addprevious(etree.Element(q("moveToRangeEnd"), {q("id"): "971"}))
        return self

    def save(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(self.data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                data = source.read(info.filename)
                if info.filename == self.part:
                    data = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)
                target.writestr(info, data)
        return out.getvalue()
