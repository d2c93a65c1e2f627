//! A small page-layout engine for the printed reports, over the krilla PDF
//! library: headings, paragraphs, tables, lists and charts flow down A4
//! pages, and every piece is tagged so that the file is PDF/UA-1 (krilla's
//! validator refuses to write it otherwise). The Noto Sans faces are
//! embedded (subset), so French text, accents and the euro sign print the
//! same everywhere.
//!
//! Layout runs first, into a list of marks per page (a mark is one piece of
//! tagged content: a line of text, a chart, or decoration); the structure
//! tree records which marks belong to which heading, paragraph or cell.
//! Rendering then draws the marks and hangs krilla's identifiers on the
//! tree. Knowing every page before drawing also gives the footer its
//! "page n / N".

use krilla::color::rgb;
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime as PdfDateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, Node as TagNode, SpanTag,
    TableHeaderScope, Tag, TagGroup, TagKind, TagTree,
};
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};
use std::num::NonZeroU16;
use std::sync::LazyLock;

/// A4, in points.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN: f32 = 56.0;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// Where the body stops, leaving room for the footer.
const BODY_BOTTOM: f32 = PAGE_HEIGHT - MARGIN;
const FOOTER_BASELINE: f32 = PAGE_HEIGHT - 30.0;

const BODY_SIZE: f32 = 9.5;
const SMALL_SIZE: f32 = 8.0;
const LINE_GAP: f32 = 1.35;
const CELL_PADDING: f32 = 4.0;
const CHART_HEIGHT: f32 = 150.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(u8, u8, u8);

const INK: Colour = Colour(0x1f, 0x29, 0x37);
const MUTED: Colour = Colour(0x4b, 0x55, 0x63);
const RULE: Colour = Colour(0xd1, 0xd5, 0xdb);
const HEADER_BACKGROUND: Colour = Colour(0xe8, 0xee, 0xf6);
const ACCENT: Colour = Colour(0x1d, 0x4e, 0x89);
/// Chart series, in order; dark enough on white for 3:1 contrast.
const SERIES: [Colour; 4] = [
    ACCENT,
    Colour(0xb4, 0x53, 0x09),
    Colour(0x04, 0x78, 0x57),
    Colour(0x7c, 0x3a, 0xed),
];

struct Face {
    pdf: Font,
    metrics: FontRef<'static>,
}

struct Fonts {
    regular: Face,
    bold: Face,
}

/// Parsed once; krilla's fonts are cheap to clone.
static FONTS: LazyLock<Option<Fonts>> = LazyLock::new(|| {
    let face = |bytes: &'static [u8]| {
        let metrics = FontRef::new(bytes).ok()?;
        Font::new(bytes.into(), 0).map(|pdf| Face { pdf, metrics })
    };
    Some(Fonts {
        regular: face(notosans::REGULAR_TTF)?,
        bold: face(notosans::BOLD_TTF)?,
    })
});

impl Face {
    /// The width of `text` set at `size`, from the font's advances.
    fn width(&self, text: &str, size: f32) -> f32 {
        let charmap = self.metrics.charmap();
        let metrics = self
            .metrics
            .glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|glyph| metrics.advance_width(glyph))
                    .unwrap_or(size * 0.5)
            })
            .sum()
    }

    fn covers(&self, c: char) -> bool {
        self.metrics
            .charmap()
            .map(c)
            .is_some_and(|glyph| glyph.to_u32() != 0)
    }
}

impl Fonts {
    fn prints(&self, c: char) -> bool {
        c.is_control() || (self.regular.covers(c) && self.bold.covers(c))
    }

    /// The text as it can be drawn: a character the faces lack (a script
    /// they do not cover, an emoji) becomes `?`, which PDF/UA allows where
    /// a missing glyph it does not; the tag keeps the original text.
    fn printable<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        if text.chars().all(|c| self.prints(c)) {
            return text.into();
        }
        text.chars()
            .map(|c| if self.prints(c) { c } else { '?' })
            .collect::<String>()
            .into()
    }
}

/// Characters of `text` that the embedded faces cannot print.
pub fn unprintable(text: &str) -> Vec<char> {
    let Some(fonts) = FONTS.as_ref() else {
        return text.chars().collect();
    };
    let mut missing: Vec<char> = text.chars().filter(|c| !fonts.prints(*c)).collect();
    missing.sort_unstable();
    missing.dedup();
    missing
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Start,
    End,
}

pub struct Column {
    pub title: String,
    /// Share of the page's width; the shares of a table add up to 1.
    pub width: f32,
    pub align: Align,
}

impl Column {
    pub fn new(title: impl Into<String>, width: f32, align: Align) -> Self {
        Column {
            title: title.into(),
            width,
            align,
        }
    }
}

pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}

/// Vertical bars by category, one per series.
pub struct Bars {
    pub series: Vec<String>,
    pub categories: Vec<(String, Vec<f64>)>,
    /// Writes a value of the scale (the top of the axis).
    pub scale_label: Box<dyn Fn(f64) -> String + Send>,
}

/// Measured values over time beside the straight path expected.
pub struct Trend {
    pub measured_name: String,
    pub expected_name: String,
    /// (day number, value), in order.
    pub measured: Vec<(f64, f64)>,
    pub expected: Vec<(f64, f64)>,
    /// Labels under the time axis, at their day numbers.
    pub time_labels: Vec<(f64, String)>,
    pub value_label: Box<dyn Fn(f64) -> String + Send>,
}

pub enum Chart {
    Bars(Bars),
    Trend(Trend),
}

enum Block {
    Heading(u16, String),
    Paragraph(String),
    Note(String),
    Facts(Vec<(String, String)>),
    Table(Table),
    List(Vec<String>),
    Figure { alt: String, chart: Chart },
}

/// What a report says, in reading order; `render` lays it out.
pub struct Report {
    title: String,
    lang: &'static str,
    footer: String,
    blocks: Vec<Block>,
}

#[derive(Debug, thiserror::Error)]
#[error("the PDF could not be made: {0}")]
pub struct PdfError(String);

impl Report {
    /// `lang` is the BCP 47 code of the text (`fr`, `en`); `footer` is
    /// printed at the foot of every page with its number.
    pub fn new(title: impl Into<String>, lang: &'static str, footer: impl Into<String>) -> Self {
        let title = title.into();
        Report {
            blocks: vec![Block::Heading(1, title.clone())],
            title,
            lang,
            footer: footer.into(),
        }
    }

    /// A section (level 2) or sub-section (level 3) title.
    pub fn heading(&mut self, level: u16, text: impl Into<String>) {
        self.blocks
            .push(Block::Heading(level.clamp(2, 4), text.into()));
    }

    pub fn paragraph(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Paragraph(text.into()));
    }

    /// A smaller, muted paragraph: sources, definitions, what is left out.
    pub fn note(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Note(text.into()));
    }

    /// Label–value pairs, as a two-column table whose labels head the rows.
    pub fn facts(&mut self, facts: Vec<(String, String)>) {
        if !facts.is_empty() {
            self.blocks.push(Block::Facts(facts));
        }
    }

    pub fn table(&mut self, table: Table) {
        self.blocks.push(Block::Table(table));
    }

    pub fn list(&mut self, items: Vec<String>) {
        if !items.is_empty() {
            self.blocks.push(Block::List(items));
        }
    }

    /// A chart; `alt` says in words what it shows, for those who do not see it.
    pub fn chart(&mut self, alt: impl Into<String>, chart: Chart) {
        self.blocks.push(Block::Figure {
            alt: alt.into(),
            chart,
        });
    }

    /// Lays the report out and writes it as a tagged PDF/UA-1 file.
    pub fn render(self, created: chrono::NaiveDateTime) -> Result<Vec<u8>, PdfError> {
        let fonts = FONTS
            .as_ref()
            .ok_or_else(|| PdfError("the embedded fonts could not be read".into()))?;
        let mut layout = Layout::new(fonts);
        let mut structure = Vec::new();
        for block in &self.blocks {
            structure.push(layout.block(block));
        }
        let (pages, headings) = layout.finish();
        let configuration = ConfigurationBuilder::new()
            .with_accessibility_validator(Accessibility::UA1)
            .finish()
            .map_err(|e| PdfError(format!("{e:?}")))?;
        let settings = SerializeSettings {
            configuration,
            enable_tagging: true,
            ..SerializeSettings::default()
        };
        let mut document = Document::new_with(settings);
        let total = pages.len();
        let mut identifiers: Vec<Vec<Option<Identifier>>> = Vec::with_capacity(total);
        for (index, marks) in pages.iter().enumerate() {
            let size = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
                .ok_or_else(|| PdfError("bad page size".into()))?;
            let mut page = document.start_page_with(size);
            let mut surface = page.surface();
            let mut ids = Vec::with_capacity(marks.len());
            for mark in marks {
                let original = mark.text();
                let tag = match mark.kind {
                    MarkKind::Text if fonts.printable(&original) != original => {
                        ContentTag::Span(SpanTag::empty().with_actual_text(Some(&original)))
                    }
                    kind => kind.content_tag(),
                };
                let id = surface.start_tagged(tag);
                for ink in &mark.inks {
                    draw(&mut surface, fonts, ink);
                }
                surface.end_tagged();
                ids.push(Some(id));
            }
            let footer = format!("{} — {} / {}", self.footer, index + 1, total);
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                ArtifactType::PageNumber,
            )));
            draw(
                &mut surface,
                fonts,
                &Ink::Text {
                    x: MARGIN,
                    y: FOOTER_BASELINE,
                    size: SMALL_SIZE,
                    bold: false,
                    colour: MUTED,
                    text: footer,
                },
            );
            surface.end_tagged();
            surface.finish();
            page.finish();
            identifiers.push(ids);
        }
        let mut tree = TagTree::new().with_lang(Some(self.lang.to_owned()));
        for node in structure {
            if let Some(node) = node.into_tag(&mut identifiers) {
                tree.push(node);
            }
        }
        document.set_tag_tree(tree);
        document.set_outline(outline(&headings));
        document.set_metadata(
            Metadata::new()
                .title(self.title)
                .language(self.lang.to_owned())
                .creator("Innov'Action".to_owned())
                .creation_date(pdf_date(created)),
        );
        document.finish().map_err(|e| PdfError(format!("{e:?}")))
    }
}

fn pdf_date(moment: chrono::NaiveDateTime) -> PdfDateTime {
    use chrono::{Datelike, Timelike};
    let narrow = |n: u32| u8::try_from(n).unwrap_or(0);
    PdfDateTime::new(u16::try_from(moment.year()).unwrap_or(2000))
        .month(narrow(moment.month()))
        .day(narrow(moment.day()))
        .hour(narrow(moment.hour()))
        .minute(narrow(moment.minute()))
        .second(narrow(moment.second()))
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// Something drawn.
enum Ink {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        colour: Colour,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: Colour,
    },
    Line {
        points: Vec<(f32, f32)>,
        width: f32,
        colour: Colour,
        dashed: bool,
    },
    Dot {
        x: f32,
        y: f32,
        radius: f32,
        colour: Colour,
    },
}

#[derive(Clone, Copy)]
enum MarkKind {
    /// A line of text in the structure.
    Text,
    /// A chart: one figure in the structure.
    Figure,
    /// Rules and backgrounds: not read out.
    Decoration,
}

impl MarkKind {
    fn content_tag(self) -> ContentTag<'static> {
        match self {
            MarkKind::Text => ContentTag::Span(SpanTag::empty()),
            MarkKind::Figure => ContentTag::Other,
            MarkKind::Decoration => ContentTag::Artifact(Artifact::with_kind(ArtifactType::Layout)),
        }
    }
}

struct Mark {
    kind: MarkKind,
    inks: Vec<Ink>,
}

impl Mark {
    /// The text the mark draws, as written.
    fn text(&self) -> String {
        self.inks
            .iter()
            .filter_map(|ink| match ink {
                Ink::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The structure tree as laid out: groups, and leaves naming a mark by
/// page and position.
enum Node {
    Group(TagKind, Vec<Node>),
    Leaf(usize, usize),
}

impl Node {
    fn into_tag(self, identifiers: &mut [Vec<Option<Identifier>>]) -> Option<TagNode> {
        match self {
            Node::Leaf(page, index) => identifiers
                .get_mut(page)
                .and_then(|ids| ids.get_mut(index))
                .and_then(Option::take)
                .map(TagNode::Leaf),
            Node::Group(kind, children) => {
                let children: Vec<TagNode> = children
                    .into_iter()
                    .filter_map(|child| child.into_tag(identifiers))
                    .collect();
                // A group without content is not written at all.
                (!children.is_empty())
                    .then(|| TagNode::Group(TagGroup::with_children(kind, children)))
            }
        }
    }
}

/// A heading as the outline (the reader's bookmarks) needs it.
struct Placed {
    level: u16,
    text: String,
    page: usize,
    y: f32,
}

/// The bookmarks: each section, its sub-sections inside.
fn outline(headings: &[Placed]) -> Outline {
    let mut outline = Outline::new();
    let node = |h: &Placed| {
        OutlineNode::new(
            h.text.clone(),
            XyzDestination::new(h.page, Point::from_xy(MARGIN, (h.y - 20.0).max(0.0))),
        )
    };
    let mut section: Option<OutlineNode> = None;
    for heading in headings {
        match heading.level {
            1 | 2 => {
                if let Some(done) = section.take() {
                    outline.push_child(done);
                }
                section = Some(node(heading));
            }
            _ => match section.as_mut() {
                Some(open) => open.push_child(node(heading)),
                None => outline.push_child(node(heading)),
            },
        }
    }
    if let Some(done) = section {
        outline.push_child(done);
    }
    outline
}

struct Layout<'f> {
    fonts: &'f Fonts,
    headings: Vec<Placed>,
    pages: Vec<Vec<Mark>>,
    /// The baseline of the last line drawn, or the top of the free space.
    y: f32,
}

impl<'f> Layout<'f> {
    fn new(fonts: &'f Fonts) -> Self {
        Layout {
            fonts,
            headings: Vec::new(),
            pages: vec![Vec::new()],
            y: MARGIN,
        }
    }

    fn finish(self) -> (Vec<Vec<Mark>>, Vec<Placed>) {
        (self.pages, self.headings)
    }

    fn face(&self, bold: bool) -> &Face {
        if bold {
            &self.fonts.bold
        } else {
            &self.fonts.regular
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Makes room for `height` below the cursor, on a new page if needed.
    fn reserve(&mut self, height: f32) {
        if self.y + height > BODY_BOTTOM && self.y > MARGIN {
            self.new_page();
        }
    }

    fn push(&mut self, kind: MarkKind, inks: Vec<Ink>) -> Node {
        let page = self.pages.len() - 1;
        let marks = &mut self.pages[page];
        marks.push(Mark { kind, inks });
        Node::Leaf(page, marks.len() - 1)
    }

    /// Breaks `text` into lines no wider than `width`.
    fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let face = self.face(bold);
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if face.width(&candidate, size) <= width || line.is_empty() {
                    line = candidate;
                } else {
                    lines.push(std::mem::take(&mut line));
                    line = word.to_owned();
                }
                // A word longer than the whole width is cut where it must be.
                while face.width(&line, size) > width && line.chars().count() > 1 {
                    let mut head = String::new();
                    for c in line.chars() {
                        let mut next = head.clone();
                        next.push(c);
                        if face.width(&next, size) > width && !head.is_empty() {
                            break;
                        }
                        head = next;
                    }
                    let rest = line[head.len()..].to_owned();
                    lines.push(head);
                    line = rest;
                }
            }
            lines.push(line);
        }
        lines
    }

    /// Lines of text flowing down the page, each a leaf of `group`.
    fn lines(&mut self, text: &str, size: f32, bold: bool, colour: Colour) -> Vec<Node> {
        let height = size * LINE_GAP;
        let mut leaves = Vec::new();
        for line in self.wrap(text, size, bold, CONTENT_WIDTH) {
            self.reserve(height);
            self.y += height;
            if line.is_empty() {
                continue;
            }
            let ink = Ink::Text {
                x: MARGIN,
                y: self.y,
                size,
                bold,
                colour,
                text: line,
            };
            leaves.push(self.push(MarkKind::Text, vec![ink]));
        }
        leaves
    }

    fn block(&mut self, block: &Block) -> Node {
        match block {
            Block::Heading(level, text) => {
                let size = match level {
                    1 => 18.0,
                    2 => 13.0,
                    3 => 11.0,
                    _ => 10.0,
                };
                let gap = if *level == 1 { 0.0 } else { size * 0.9 };
                // A heading keeps at least a few lines of what follows.
                self.reserve(gap + size * LINE_GAP + 4.0 * BODY_SIZE * LINE_GAP);
                self.y += gap;
                self.headings.push(Placed {
                    level: *level,
                    text: text.clone(),
                    page: self.pages.len() - 1,
                    y: self.y,
                });
                let colour = if *level <= 2 { ACCENT } else { INK };
                let leaves = self.lines(text, size, true, colour);
                self.y += size * 0.35;
                let level = NonZeroU16::new(*level).unwrap_or(NonZeroU16::MIN);
                Node::Group(Tag::Hn(level, Some(text.clone())).into(), leaves)
            }
            Block::Paragraph(text) => {
                let leaves = self.lines(text, BODY_SIZE, false, INK);
                self.y += BODY_SIZE * 0.6;
                Node::Group(Tag::P.into(), leaves)
            }
            Block::Note(text) => {
                let leaves = self.lines(text, SMALL_SIZE, false, MUTED);
                self.y += BODY_SIZE * 0.6;
                Node::Group(Tag::P.into(), leaves)
            }
            Block::List(items) => {
                let mut children = Vec::new();
                for item in items {
                    let height = BODY_SIZE * LINE_GAP;
                    let lines = self.wrap(item, BODY_SIZE, false, CONTENT_WIDTH - 12.0);
                    let mut body = Vec::new();
                    let mut label = None;
                    for (index, line) in lines.into_iter().enumerate() {
                        self.reserve(height);
                        self.y += height;
                        if index == 0 {
                            label = Some(self.push(
                                MarkKind::Text,
                                vec![Ink::Text {
                                    x: MARGIN + 2.0,
                                    y: self.y,
                                    size: BODY_SIZE,
                                    bold: false,
                                    colour: MUTED,
                                    text: "•".into(),
                                }],
                            ));
                        }
                        body.push(self.push(
                            MarkKind::Text,
                            vec![Ink::Text {
                                x: MARGIN + 12.0,
                                y: self.y,
                                size: BODY_SIZE,
                                bold: false,
                                colour: INK,
                                text: line,
                            }],
                        ));
                    }
                    let mut item_children = Vec::new();
                    if let Some(label) = label {
                        item_children.push(Node::Group(Tag::Lbl.into(), vec![label]));
                    }
                    item_children.push(Node::Group(Tag::LBody.into(), body));
                    children.push(Node::Group(Tag::LI.into(), item_children));
                }
                self.y += BODY_SIZE * 0.6;
                Node::Group(Tag::L(ListNumbering::Disc).into(), children)
            }
            Block::Facts(facts) => {
                let columns = [
                    Column::new("", 0.42, Align::Start),
                    Column::new("", 0.58, Align::Start),
                ];
                let mut rows = Vec::new();
                for (label, value) in facts {
                    let cells = [(label.as_str(), true), (value.as_str(), false)];
                    rows.push(self.row(&columns, &cells, None, false, None));
                }
                self.y += BODY_SIZE * 0.8;
                Node::Group(Tag::Table.into(), rows)
            }
            Block::Table(table) => self.table(table),
            Block::Figure { alt, chart } => {
                self.reserve(CHART_HEIGHT + 30.0);
                let top = self.y + 6.0;
                let inks = match chart {
                    Chart::Bars(bars) => self.bars(bars, top),
                    Chart::Trend(trend) => self.trend(trend, top),
                };
                self.y = top + CHART_HEIGHT + 30.0;
                let leaf = self.push(MarkKind::Figure, inks);
                let page = self.pages.len() - 1;
                let bbox = Rect::from_xywh(MARGIN, top, CONTENT_WIDTH, CHART_HEIGHT + 24.0)
                    .map(|rect| krilla::tagging::BBox::new(page, rect));
                let figure = Tag::Figure(Some(alt.clone())).with_bbox(bbox);
                Node::Group(figure.into(), vec![leaf])
            }
        }
    }

    fn table(&mut self, table: &Table) -> Node {
        let titles: Vec<(&str, bool)> = table
            .columns
            .iter()
            .map(|c| (c.title.as_str(), true))
            .collect();
        let head = self.row(&table.columns, &titles, Some(HEADER_BACKGROUND), true, None);
        let mut body = Vec::new();
        for row in &table.rows {
            let cells: Vec<(&str, bool)> = row.iter().map(|c| (c.as_str(), false)).collect();
            body.push(self.row(&table.columns, &cells, None, false, Some(&titles)));
        }
        self.y += BODY_SIZE * 0.8;
        Node::Group(
            Tag::Table.into(),
            vec![
                Node::Group(Tag::THead.into(), vec![head]),
                Node::Group(Tag::TBody.into(), body),
            ],
        )
    }

    fn row_height(&self, columns: &[Column], cells: &[(&str, bool)]) -> f32 {
        let lines = columns
            .iter()
            .zip(cells)
            .map(|(column, (text, bold))| {
                self.wrap(
                    text,
                    BODY_SIZE,
                    *bold,
                    column.width * CONTENT_WIDTH - 2.0 * CELL_PADDING,
                )
                .len()
            })
            .max()
            .unwrap_or(1);
        lines as f32 * BODY_SIZE * LINE_GAP + 2.0 * CELL_PADDING
    }

    /// One row; `header` makes its cells column headers, otherwise a bold
    /// first cell heads its row (the facts' labels). A row that starts a
    /// new page has the `titles` row drawn above it again, as decoration:
    /// the structure has the column titles once.
    fn row(
        &mut self,
        columns: &[Column],
        cells: &[(&str, bool)],
        background: Option<Colour>,
        header: bool,
        titles: Option<&[(&str, bool)]>,
    ) -> Node {
        let height = self.row_height(columns, cells);
        let before = self.pages.len();
        self.reserve(height);
        if let Some(titles) = titles.filter(|_| self.pages.len() != before) {
            let titles_height = self.row_height(columns, titles);
            self.row_ink(
                columns,
                titles,
                titles_height,
                Some(HEADER_BACKGROUND),
                MarkKind::Decoration,
            );
        }
        let leaves = self.row_ink(columns, cells, height, background, MarkKind::Text);
        let children = leaves
            .into_iter()
            .zip(cells)
            .map(|(leaves, (_, bold))| {
                let kind: TagKind = if header {
                    Tag::TH(TableHeaderScope::Column).into()
                } else if *bold {
                    Tag::TH(TableHeaderScope::Row).into()
                } else {
                    Tag::TD.into()
                };
                Node::Group(kind, leaves)
            })
            .collect();
        Node::Group(Tag::TR.into(), children)
    }

    /// Draws a row `height` high at the cursor and moves below it; answers
    /// each cell's leaves.
    fn row_ink(
        &mut self,
        columns: &[Column],
        cells: &[(&str, bool)],
        height: f32,
        background: Option<Colour>,
        kind: MarkKind,
    ) -> Vec<Vec<Node>> {
        let top = self.y;
        let mut decoration = Vec::new();
        if let Some(colour) = background {
            decoration.push(Ink::Rect {
                x: MARGIN,
                y: top,
                w: CONTENT_WIDTH,
                h: height,
                colour,
            });
        }
        decoration.push(Ink::Line {
            points: vec![
                (MARGIN, top + height),
                (MARGIN + CONTENT_WIDTH, top + height),
            ],
            width: 0.5,
            colour: RULE,
            dashed: false,
        });
        self.push(MarkKind::Decoration, decoration);
        let mut x = MARGIN;
        let mut leaves = Vec::new();
        for (column, (text, bold)) in columns.iter().zip(cells) {
            let width = column.width * CONTENT_WIDTH;
            let mut cell = Vec::new();
            let mut baseline = top + CELL_PADDING;
            for line in self.wrap(text, BODY_SIZE, *bold, width - 2.0 * CELL_PADDING) {
                baseline += BODY_SIZE * LINE_GAP;
                if line.is_empty() {
                    continue;
                }
                let line_x = match column.align {
                    Align::Start => x + CELL_PADDING,
                    Align::End => {
                        x + width - CELL_PADDING - self.face(*bold).width(&line, BODY_SIZE)
                    }
                };
                cell.push(self.push(
                    kind,
                    vec![Ink::Text {
                        x: line_x,
                        y: baseline - BODY_SIZE * 0.3,
                        size: BODY_SIZE,
                        bold: *bold,
                        colour: INK,
                        text: line,
                    }],
                ));
            }
            leaves.push(cell);
            x += width;
        }
        self.y = top + height;
        leaves
    }

    /// Grouped vertical bars with a legend; the scale's top is labelled.
    fn bars(&self, bars: &Bars, top: f32) -> Vec<Ink> {
        let mut inks = Vec::new();
        let plot_left = MARGIN + 48.0;
        let plot_width = CONTENT_WIDTH - 48.0;
        let legend_height = 14.0;
        let plot_top = top + legend_height;
        let plot_height = CHART_HEIGHT - legend_height - 16.0;
        let baseline = plot_top + plot_height;
        self.legend(&mut inks, &bars.series, top);
        let max = bars
            .categories
            .iter()
            .flat_map(|(_, values)| values.iter().copied())
            .fold(0.0_f64, f64::max);
        let scale = nice_ceiling(max);
        inks.push(Ink::Text {
            x: MARGIN,
            y: plot_top + 3.0,
            size: SMALL_SIZE - 1.0,
            bold: false,
            colour: MUTED,
            text: (bars.scale_label)(scale),
        });
        inks.push(Ink::Line {
            points: vec![(plot_left, plot_top), (plot_left + plot_width, plot_top)],
            width: 0.4,
            colour: RULE,
            dashed: true,
        });
        let count = bars.categories.len().max(1) as f32;
        let slot = plot_width / count;
        let series = bars.series.len().max(1) as f32;
        let bar_width = (slot * 0.8 / series).min(18.0);
        for (index, (label, values)) in bars.categories.iter().enumerate() {
            let slot_left = plot_left + slot * index as f32;
            let group_width = bar_width * series;
            let mut x = slot_left + (slot - group_width) / 2.0;
            for (serie, value) in values.iter().enumerate() {
                let h = if scale > 0.0 {
                    (value.max(0.0) / scale) as f32 * plot_height
                } else {
                    0.0
                };
                inks.push(Ink::Rect {
                    x,
                    y: baseline - h,
                    w: bar_width * 0.9,
                    h,
                    colour: SERIES[serie % SERIES.len()],
                });
                x += bar_width;
            }
            let label_width = self.fonts.regular.width(label, SMALL_SIZE - 1.0);
            inks.push(Ink::Text {
                x: slot_left + (slot - label_width) / 2.0,
                y: baseline + 10.0,
                size: SMALL_SIZE - 1.0,
                bold: false,
                colour: MUTED,
                text: label.clone(),
            });
        }
        inks.push(Ink::Line {
            points: vec![(plot_left, baseline), (plot_left + plot_width, baseline)],
            width: 0.8,
            colour: MUTED,
            dashed: false,
        });
        inks
    }

    /// The measured line with its dots, and the expected path dashed.
    fn trend(&self, trend: &Trend, top: f32) -> Vec<Ink> {
        let mut inks = Vec::new();
        let names = vec![trend.measured_name.clone(), trend.expected_name.clone()];
        self.legend(&mut inks, &names, top);
        let plot_left = MARGIN + 48.0;
        let plot_width = CONTENT_WIDTH - 56.0;
        let plot_top = top + 20.0;
        let plot_height = CHART_HEIGHT - 36.0;
        let all = || trend.measured.iter().chain(&trend.expected);
        let (x_min, x_max) = all().fold((f64::MAX, f64::MIN), |(lo, hi), (x, _)| {
            (lo.min(*x), hi.max(*x))
        });
        let (y_min, y_max) = all().fold((f64::MAX, f64::MIN), |(lo, hi), (_, y)| {
            (lo.min(*y), hi.max(*y))
        });
        if x_min > x_max {
            return inks;
        }
        let x_span = (x_max - x_min).max(1.0);
        let y_span = if y_max > y_min { y_max - y_min } else { 1.0 };
        let at = |(x, y): (f64, f64)| {
            (
                plot_left + ((x - x_min) / x_span) as f32 * plot_width,
                plot_top + plot_height - ((y - y_min) / y_span) as f32 * plot_height,
            )
        };
        for (value, y) in [(y_max, plot_top), (y_min, plot_top + plot_height)] {
            inks.push(Ink::Text {
                x: MARGIN,
                y: y + 3.0,
                size: SMALL_SIZE - 1.0,
                bold: false,
                colour: MUTED,
                text: (trend.value_label)(value),
            });
            inks.push(Ink::Line {
                points: vec![(plot_left, y), (plot_left + plot_width, y)],
                width: 0.4,
                colour: RULE,
                dashed: true,
            });
        }
        inks.push(Ink::Line {
            points: trend.expected.iter().map(|p| at(*p)).collect(),
            width: 1.2,
            colour: SERIES[1],
            dashed: true,
        });
        inks.push(Ink::Line {
            points: trend.measured.iter().map(|p| at(*p)).collect(),
            width: 1.6,
            colour: SERIES[0],
            dashed: false,
        });
        for point in &trend.measured {
            let (x, y) = at(*point);
            inks.push(Ink::Dot {
                x,
                y,
                radius: 2.2,
                colour: SERIES[0],
            });
        }
        for (day, label) in &trend.time_labels {
            let (x, _) = at((*day, y_min));
            let width = self.fonts.regular.width(label, SMALL_SIZE - 1.0);
            inks.push(Ink::Text {
                x: (x - width / 2.0).clamp(plot_left, plot_left + plot_width - width),
                y: plot_top + plot_height + 12.0,
                size: SMALL_SIZE - 1.0,
                bold: false,
                colour: MUTED,
                text: label.clone(),
            });
        }
        inks
    }

    fn legend(&self, inks: &mut Vec<Ink>, names: &[String], top: f32) {
        let mut x = MARGIN + 48.0;
        for (index, name) in names.iter().enumerate() {
            inks.push(Ink::Rect {
                x,
                y: top + 2.0,
                w: 8.0,
                h: 8.0,
                colour: SERIES[index % SERIES.len()],
            });
            inks.push(Ink::Text {
                x: x + 11.0,
                y: top + 9.0,
                size: SMALL_SIZE,
                bold: false,
                colour: INK,
                text: name.clone(),
            });
            x += 24.0 + self.fonts.regular.width(name, SMALL_SIZE);
        }
    }
}

/// The scale's top: the maximum rounded up to 1, 2, 2.5 or 5 × 10ⁿ.
pub fn nice_ceiling(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 0.0;
    }
    let magnitude = 10_f64.powf(max.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|step| step * magnitude)
        .find(|candidate| *candidate >= max)
        .unwrap_or(max)
}

fn paint(colour: Colour) -> Fill {
    Fill {
        paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn draw(surface: &mut Surface, fonts: &Fonts, ink: &Ink) {
    match ink {
        Ink::Text {
            x,
            y,
            size,
            bold,
            colour,
            text,
        } => {
            let face = if *bold { &fonts.bold } else { &fonts.regular };
            surface.set_stroke(None);
            surface.set_fill(Some(paint(*colour)));
            surface.draw_text(
                Point::from_xy(*x, *y),
                face.pdf.clone(),
                *size,
                &fonts.printable(text),
                false,
                TextDirection::Auto,
            );
        }
        Ink::Rect { x, y, w, h, colour } => {
            let mut builder = PathBuilder::new();
            if let Some(rect) = Rect::from_xywh(*x, *y, *w, h.max(0.01)) {
                builder.push_rect(rect);
            }
            if let Some(path) = builder.finish() {
                surface.set_stroke(None);
                surface.set_fill(Some(paint(*colour)));
                surface.draw_path(&path);
            }
        }
        Ink::Line {
            points,
            width,
            colour,
            dashed,
        } => {
            let mut builder = PathBuilder::new();
            for (index, (x, y)) in points.iter().enumerate() {
                if index == 0 {
                    builder.move_to(*x, *y);
                } else {
                    builder.line_to(*x, *y);
                }
            }
            if points.len() < 2 {
                return;
            }
            if let Some(path) = builder.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
                    width: *width,
                    dash: dashed.then(|| StrokeDash {
                        array: vec![3.0, 2.0],
                        offset: 0.0,
                    }),
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
        }
        Ink::Dot {
            x,
            y,
            radius,
            colour,
        } => {
            // A circle from four cubic arcs.
            let (x, y, r) = (*x, *y, *radius);
            let k = 0.552_284_8 * r;
            let mut builder = PathBuilder::new();
            builder.move_to(x + r, y);
            builder.cubic_to(x + r, y + k, x + k, y + r, x, y + r);
            builder.cubic_to(x - k, y + r, x - r, y + k, x - r, y);
            builder.cubic_to(x - r, y - k, x - k, y - r, x, y - r);
            builder.cubic_to(x + k, y - r, x + r, y - k, x + r, y);
            builder.close();
            if let Some(path) = builder.finish() {
                surface.set_stroke(None);
                surface.set_fill(Some(paint(*colour)));
                surface.draw_path(&path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_round_up_to_readable_tops() {
        assert_eq!(nice_ceiling(0.0), 0.0);
        assert_eq!(nice_ceiling(7.0), 10.0);
        assert_eq!(nice_ceiling(180.0), 200.0);
        assert_eq!(nice_ceiling(2_100.0), 2_500.0);
        assert_eq!(nice_ceiling(4_000_000.0), 5_000_000.0);
        assert_eq!(nice_ceiling(100.0), 100.0);
    }

    #[test]
    fn the_fonts_print_french_and_the_euro() {
        assert!(unprintable("Échéance : 1\u{202f}234\u{a0}€ — « coût » ½ œ").is_empty());
        assert_eq!(unprintable("ok \u{1F600}"), vec!['\u{1F600}']);
    }

    #[test]
    fn characters_the_fonts_lack_still_make_a_valid_file() {
        let fonts = FONTS.as_ref().expect("fonts");
        assert_eq!(fonts.printable("Café 𪚩 ok"), "Café ? ok");
        assert_eq!(fonts.printable("Tiers-lieu"), "Tiers-lieu");
        let mut report = Report::new("Projet 𪚩 — 😀", "fr", "Innov'Action");
        report.paragraph("Association 𪚩 et 😀");
        report.table(Table {
            columns: vec![Column::new("Nom 😀", 1.0, Align::Start)],
            rows: vec![vec!["مدرسة".into()]],
        });
        let moment = chrono::NaiveDate::from_ymd_opt(2026, 12, 4)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .expect("date");
        let bytes = report
            .render(moment)
            .expect("rendered despite the missing glyphs");
        assert!(bytes.starts_with(b"%PDF-"));
    }

    #[test]
    fn long_text_wraps_within_the_width_and_long_words_are_cut() {
        let fonts = FONTS.as_ref().expect("fonts");
        let layout = Layout::new(fonts);
        let text = "Une phrase assez longue pour tenir sur plusieurs lignes de la page imprimée. "
            .repeat(4);
        let lines = layout.wrap(&text, BODY_SIZE, false, 200.0);
        assert!(lines.len() > 4);
        assert!(lines
            .iter()
            .all(|line| fonts.regular.width(line, BODY_SIZE) <= 200.0));
        let word = "x".repeat(200);
        let cut = layout.wrap(&word, BODY_SIZE, false, 100.0);
        assert!(cut.len() > 1);
        assert_eq!(cut.concat(), word);
    }

    #[test]
    fn a_report_renders_as_a_tagged_pdf_over_several_pages() {
        let mut report = Report::new("Fiche projet", "fr", "Innov'Action");
        report.heading(2, "Identité");
        report.facts(vec![("Coût".into(), "1\u{202f}250\u{a0}000\u{a0}€".into())]);
        report.heading(2, "Plan de financement");
        report.table(Table {
            columns: vec![
                Column::new("Financeur", 0.6, Align::Start),
                Column::new("Montant", 0.4, Align::End),
            ],
            rows: (0..120)
                .map(|n| vec![format!("Financeur {n}"), format!("{n}\u{a0}€")])
                .collect(),
        });
        report.list(vec!["Un".into(), "Deux".into()]);
        report.chart(
            "CP payés par année",
            Chart::Bars(Bars {
                series: vec!["Prévu".into(), "Payé".into()],
                categories: vec![
                    ("2025".into(), vec![10.0, 5.0]),
                    ("2026".into(), vec![8.0, 8.0]),
                ],
                scale_label: Box::new(|v| format!("{v}")),
            }),
        );
        report.chart(
            "Fréquentation",
            Chart::Trend(Trend {
                measured_name: "Mesuré".into(),
                expected_name: "Attendu".into(),
                measured: vec![(0.0, 10.0), (100.0, 20.0)],
                expected: vec![(0.0, 10.0), (365.0, 50.0)],
                time_labels: vec![(0.0, "2025".into()), (365.0, "2026".into())],
                value_label: Box::new(|v| format!("{v}")),
            }),
        );
        let moment = chrono::NaiveDate::from_ymd_opt(2026, 12, 4)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .expect("date");
        let bytes = report.render(moment).expect("rendered");
        assert!(bytes.starts_with(b"%PDF-1.7"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("/StructTreeRoot"));
        assert!(text.contains("pdfuaid"));
    }
}
