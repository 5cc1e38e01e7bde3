"""The parts around the body: styles (the house style), numbering (the numbering rule as
Word's automatic numbering), settings, fonts, headers and footers, and the package's
properties. Written as XML text from the export's metadata; nothing comes from a
template, so there is no template thumbnail, no theme colour and no US default."""
from dataclasses import replace
from datetime import datetime, timezone

from ...drafting.numbering import ARTICLE, SECTION
from .package import XML_HEAD
from .text import escape, xml_safe

W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
        'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="w14 w15"')

# A4 with 2.5 cm margins (twentieths of a point); the text is 16 cm wide.
PAGE_W, PAGE_H, MARGIN = 11906, 16838, 1418
TEXT_W = PAGE_W - 2 * MARGIN
BODY_SIZE = 24                  # half-points: 12 pt
SECTION_LIST, ARTICLE_LIST = 1, 2


def _attr(value: str) -> str:
    return escape(xml_safe(value))


def _paragraph_style(style_id, name, *, based="Normal", next_=None, ppr="", rpr="", default=False,
                     ui_priority=None, quick=True) -> str:
    flag = ' w:default="1"' if default else ""
    return (f'<w:style w:type="paragraph"{flag} w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/>' + (f'<w:basedOn w:val="{based}"/>' if based else "") +
            (f'<w:next w:val="{next_}"/>' if next_ else "") +
            (f'<w:uiPriority w:val="{ui_priority}"/>' if ui_priority is not None else "") +
            ("<w:qFormat/>" if quick else "") +
            (f"<w:pPr>{ppr}</w:pPr>" if ppr else "") + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "") + "</w:style>")


CS_FONT = "Arial"          # has Arabic, Hebrew and Farsi glyphs on every platform


def styles_xml(font: str, language: str, *, rtl: bool = False) -> str:
    """`rtl`: a copy in a right-to-left language. Every paragraph right-to-left (w:bidi in
    the paragraph defaults and in Normal, which the other styles are based on), every run
    (w:rtl) with a complex-script font and the complex-script language, as the bilingual
    table writes its right-to-left cells."""
    f, lang = _attr(font), _attr(language)
    cs = CS_FONT if rtl else f
    fonts = f'<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{cs}"/>'
    frame = "<w:suppressLineNumbers/>"          # the title page and the end line are not counted
    styles = [
        _paragraph_style("Normal", "Normal", based=None, default=True,
                         ppr=("<w:bidi/>" if rtl else "") + '<w:spacing w:after="120" w:line="240" w:lineRule="auto"/>',
                         rpr="<w:rtl/>" if rtl else ""),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        '</w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:semiHidden/></w:style>',
        # Title page (the reader of imports skips every style named "Title ...").
        _paragraph_style("TitleSymbol", "Title Symbol", ppr=frame + '<w:pBdr><w:bottom w:val="single" w:sz="12" '
                         f'w:space="4" w:color="auto"/></w:pBdr><w:tabs><w:tab w:val="right" w:pos="{TEXT_W}"/>'
                         '</w:tabs><w:spacing w:after="240"/>', rpr='<w:sz w:val="20"/><w:szCs w:val="20"/>'),
        _paragraph_style("TitleDistribution", "Title Distribution",
                         ppr=frame + '<w:spacing w:after="0"/><w:ind w:left="6237"/>',
                         rpr='<w:sz w:val="20"/><w:szCs w:val="20"/>'),
        _paragraph_style("Title", "Title", next_="Subtitle", ppr='<w:keepNext/>' + frame + '<w:spacing w:before="720" '
                         'w:after="240"/>', rpr='<w:b/><w:bCs/><w:sz w:val="34"/><w:szCs w:val="34"/>'),
        _paragraph_style("Subtitle", "Subtitle", ppr=frame + '<w:spacing w:after="160"/>',
                         rpr='<w:sz w:val="24"/><w:szCs w:val="24"/>'),
        _paragraph_style("TitleNote", "Title Note", ppr=frame + '<w:spacing w:before="120" w:after="120"/>',
                         rpr='<w:b/><w:bCs/>'),
        _paragraph_style("TitleSummary", "Title Summary", ppr=frame + '<w:spacing w:after="0"/><w:ind w:left="567"/>'),
        # The text.
        _paragraph_style("Heading1", "heading 1", next_="Article", ui_priority=9,
                         ppr=f'<w:keepNext/><w:keepLines/><w:numPr><w:numId w:val="{SECTION_LIST}"/></w:numPr>'
                             '<w:spacing w:before="360" w:after="180"/><w:ind w:left="567" w:hanging="567"/>'
                             '<w:outlineLvl w:val="0"/>',
                         rpr='<w:b/><w:bCs/><w:sz w:val="26"/><w:szCs w:val="26"/>'),
        _paragraph_style("Article", "Article", next_="Article",
                         ppr=f'<w:numPr><w:numId w:val="{ARTICLE_LIST}"/></w:numPr><w:jc w:val="both"/>'),
        _paragraph_style("ArticleText", "Article Text", next_="ArticleText", ppr='<w:jc w:val="both"/>'),
        *[_paragraph_style(f"ArticleLevel{n}", f"Article Level {n}", based="ArticleText", next_=f"ArticleLevel{n}",
                           ppr=f'<w:ind w:left="{567 * n}" w:hanging="567"/>') for n in (1, 2, 3)],
        # Penholder's mark on a language copy's article whose text is to be updated; the
        # DOCX reader skips paragraphs of this style (read_paragraphs.PENHOLDER_NOTE).
        _paragraph_style("ToBeUpdated", "To Be Updated", based="ArticleText", next_="ArticleText",
                         ppr='<w:pBdr><w:left w:val="single" w:sz="18" w:space="4" w:color="auto"/></w:pBdr>'
                             '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>',
                         rpr="<w:i/><w:iCs/>"),     # no colour: the house style prints in black
        _paragraph_style("EndOfDocument", "End of Document", ppr=frame + '<w:pBdr><w:top w:val="single" w:sz="6" '
                         'w:space="1" w:color="auto"/></w:pBdr><w:spacing w:before="480"/>'
                         f'<w:ind w:left="{TEXT_W // 2 - 720}" w:right="{TEXT_W // 2 - 720}"/><w:jc w:val="center"/>'),
        '<w:style w:type="character" w:styleId="Bracketed"><w:name w:val="Bracketed"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/><w:rPr><w:b/><w:bCs/>'
        '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/></w:rPr></w:style>',
        _paragraph_style("Header", "header", quick=False, ppr=frame + '<w:tabs><w:tab w:val="center" '
                         f'w:pos="{TEXT_W // 2}"/><w:tab w:val="right" w:pos="{TEXT_W}"/></w:tabs><w:spacing w:after="0"/>',
                         rpr='<w:sz w:val="18"/><w:szCs w:val="18"/>'),
        _paragraph_style("Footer", "footer", quick=False, ppr=frame + '<w:tabs><w:tab w:val="center" '
                         f'w:pos="{TEXT_W // 2}"/><w:tab w:val="right" w:pos="{TEXT_W}"/></w:tabs><w:spacing w:after="0"/>',
                         rpr='<w:sz w:val="18"/><w:szCs w:val="18"/>'),
        # Tables and footnotes in articles (blocks.py), as Word names the footnote styles.
        _paragraph_style("TableText", "Table Text", quick=False, ppr='<w:spacing w:before="40" w:after="40"/>'),
        _paragraph_style("FootnoteText", "footnote text", quick=False, ppr='<w:spacing w:after="0"/>',
                         rpr='<w:sz w:val="20"/><w:szCs w:val="20"/>'),
        '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>',
        # Comments, as Word names them.
        _paragraph_style("CommentText", "annotation text", quick=False, ppr='<w:spacing w:after="60"/>',
                         rpr='<w:sz w:val="20"/><w:szCs w:val="20"/>'),
        _paragraph_style("CommentSubject", "annotation subject", based="CommentText", next_="CommentText",
                         quick=False, rpr="<w:b/><w:bCs/>"),
        '<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>',
        # The comment matrix.
        _paragraph_style("MatrixText", "Matrix Text", quick=False, ppr='<w:spacing w:after="60"/>',
                         rpr='<w:sz w:val="20"/><w:szCs w:val="20"/>'),
        _paragraph_style("MatrixHeading", "Matrix Heading", based="MatrixText", quick=False,
                         ppr="<w:keepNext/>", rpr="<w:b/><w:bCs/>"),
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
        '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        '<w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        '<w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>',
    ]
    defaults = (f'<w:docDefaults><w:rPrDefault><w:rPr>{fonts}<w:sz w:val="{BODY_SIZE}"/>'
                f'<w:szCs w:val="{BODY_SIZE}"/>' + ("<w:rtl/>" if rtl else "") +
                f'<w:lang w:val="{lang}" w:eastAsia="{lang}" w:bidi="{lang}"/></w:rPr></w:rPrDefault>'
                + ("<w:pPrDefault><w:pPr><w:bidi/></w:pPr></w:pPrDefault>" if rtl else "<w:pPrDefault/>")
                + '</w:docDefaults>')
    return XML_HEAD + f"<w:styles {W_NS}>{defaults}{''.join(styles)}</w:styles>"


def _list(abstract_id: int, rule, style_id: str, ppr: str, rpr: str = "", suffix: str = "tab") -> str:
    return (f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:nsid w:val="5045{abstract_id:04X}"/>'
            f'<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            f'<w:numFmt w:val="{rule.word_format}"/><w:pStyle w:val="{style_id}"/><w:suff w:val="{suffix}"/>'
            f'<w:lvlText w:val="{escape(rule.word_level_text)}"/><w:lvlJc w:val="left"/><w:pPr>{ppr}</w:pPr>'
            + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "") + "</w:lvl></w:abstractNum>")


def numbering_xml(article: str | None = None) -> str:
    """Sections "1.", "2." and articles "Article 1.", "Article 2." over the whole text:
    the rule of drafting/numbering.py as Word's automatic numbering; `article` is the word
    in the copy's language ("Artículo", "المادة"), the DOCX readers' markers all know."""
    rule = ARTICLE if article is None else replace(ARTICLE, prefix=f"{article} ")
    return (XML_HEAD + f"<w:numbering {W_NS}>"
            + _list(0, SECTION, "Heading1", '<w:ind w:left="567" w:hanging="567"/>')
            + _list(1, rule, "Article", '<w:ind w:left="0" w:firstLine="0"/>', "<w:b/><w:bCs/>", "space")
            + f'<w:num w:numId="{SECTION_LIST}"><w:abstractNumId w:val="0"/></w:num>'
            + f'<w:num w:numId="{ARTICLE_LIST}"><w:abstractNumId w:val="1"/></w:num></w:numbering>')


def settings_xml(language: str, variables: dict[str, str]) -> str:
    docvars = ("<w:docVars>" + "".join(f'<w:docVar w:name="{_attr(k)}" w:val="{_attr(v)}"/>'
                                       for k, v in variables.items()) + "</w:docVars>") if variables else ""
    return (XML_HEAD + f"<w:settings {W_NS}>"
            '<w:zoom w:percent="100"/><w:defaultTabStop w:val="567"/>'
            '<w:characterSpacingControl w:val="doNotCompress"/>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
            'w:val="15"/></w:compat>' + docvars +
            f'<w:themeFontLang w:val="{_attr(language)}"/><w:decimalSymbol w:val="."/>'
            '<w:listSeparator w:val=","/></w:settings>')


def font_table_xml(font: str) -> str:
    return (XML_HEAD + f'<w:fonts {W_NS}><w:font w:name="{_attr(font)}"><w:family w:val="roman"/>'
            '<w:pitch w:val="variable"/></w:font></w:fonts>')


def header_footer_xml(tag: str, paragraphs: str) -> str:
    """w:hdr or w:ftr holding ready-made paragraphs."""
    return XML_HEAD + f"<w:{tag} {W_NS}>{paragraphs or '<w:p/>'}</w:{tag}>"


PAGE_FIELD = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE '
              '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
              '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _w3c(when: datetime | None) -> str:
    when = (when or datetime(1980, 1, 1, tzinfo=timezone.utc))
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc).replace(tzinfo=None)
    return when.replace(microsecond=0).isoformat() + "Z"


def core_xml(*, title: str, subject: str, author: str, keywords: str, language: str,
             when: datetime | None) -> str:
    stamp = _w3c(when)
    return (XML_HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{_attr(title)[:250]}</dc:title><dc:subject>{_attr(subject)[:250]}</dc:subject>"
            f"<dc:creator>{_attr(author)}</dc:creator><cp:keywords>{_attr(keywords)}</cp:keywords>"
            f"<cp:lastModifiedBy>{_attr(author)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
            f"<dc:language>{_attr(language)}</dc:language>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>')


def app_xml() -> str:
    return (XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            "<Application>Penholder</Application><DocSecurity>0</DocSecurity></Properties>")


def custom_xml(values: dict[str, str]) -> str:
    """Custom document properties (File > Properties > Custom in Word): kept by Word and
    LibreOffice when a file is saved again."""
    items = "".join(f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i}" name="{_attr(k)}">'
                    f"<vt:lpwstr>{_attr(v)}</vt:lpwstr></property>" for i, (k, v) in enumerate(values.items(), 2))
    return (XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{items}</Properties>')
