package io.qrescue.mapfile.picture;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.RunStatus;
import io.qrescue.mapfile.StatusBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static io.qrescue.mapfile.BlockStatus.BAD_SECTOR;
import static io.qrescue.mapfile.BlockStatus.FINISHED;
import static io.qrescue.mapfile.BlockStatus.NON_SCRAPED;
import static io.qrescue.mapfile.BlockStatus.NON_TRIED;
import static io.qrescue.mapfile.BlockStatus.NON_TRIMMED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MapPictureTest {

    private static final long CELL = 4096;

    /** 10 x 10 cells of 4096 bytes: rows 0-4 finished, rows 5-8 bad, row 9 non-tried with one bad sector in cell 95. */
    private static Mapfile rowsMap() {
        return new Mapfile(0, RunStatus.TRIMMING, 1, TestMaps.of(50 * CELL, FINISHED, 40 * CELL, BAD_SECTOR,
                5 * CELL + 1024, NON_TRIED, 512, BAD_SECTOR, 5 * CELL - 1536, NON_TRIED));
    }

    private static PictureOptions grid10() {
        return PictureOptions.defaults().withGrid(10, 10).withTitle("rows.map");
    }

    private static BufferedImage png(MapPicture picture) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        picture.writePng(out);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(image).as("decodable PNG").isNotNull();
        return image;
    }

    /** Colour at the centre of {@code cell} in the decoded picture. */
    private static int cellPixel(BufferedImage image, MapPicture picture, int cell) {
        PictureLayout layout = picture.layout();
        int half = layout.cellSize() / 2;
        return image.getRGB(layout.cellX(cell) + half, layout.cellY(cell) + half) & 0xFFFFFF;
    }

    private static Document svg(MapPicture picture) throws Exception {
        StringBuilder out = new StringBuilder();
        picture.writeSvg(out);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(out.toString())));
    }

    private static List<String> texts(Document doc) {
        List<String> texts = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagName("text");
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    /** The rects drawn inside the map area. */
    private static List<Element> mapRects(Document doc, PictureLayout layout) {
        List<Element> rects = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagName("rect");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element rect = (Element) nodes.item(i);
            double y = Double.parseDouble(rect.getAttribute("y"));
            boolean isMapBackground = rect.getAttribute("fill").equals(Palette.hex(Palette.GRID))
                    && y == layout.mapY;
            if (y >= layout.mapY && y < layout.mapY + layout.mapHeight() && !isMapBackground
                    && !rect.getAttribute("fill").equals("none")) {
                rects.add(rect);
            }
        }
        return rects;
    }

    @Test
    void shouldNameAnOutlinedOverlayAsAsked() throws Exception {
        Domain metadata = Domain.ofBlocks(List.of(Block.between(0, 4096), Block.between(8192, 12288)));
        PictureOptions options = grid10().withDomain(metadata, PictureOptions.DomainStyle.OUTLINE);

        List<String> labelled = texts(svg(MapPicture.of(rowsMap(), options.withDomainLabel("metadata"))));
        List<String> plain = texts(svg(MapPicture.of(rowsMap(), options)));

        assertThat(labelled).anySatisfy(t -> assertThat(t).startsWith("metadata:").contains("2 area(s)"));
        assertThat(plain).anySatisfy(t -> assertThat(t).startsWith("domain:"));
        assertThat(labelled).noneSatisfy(t -> assertThat(t).startsWith("domain:"));
    }

    @Test
    void shouldRunHeadless() {
        // surefire passes -Djava.awt.headless=true; HeadlessRenderTest also checks a JVM without a display
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
    }

    @Test
    void shouldDecodeToTheRequestedSize() throws IOException {
        MapPicture picture = MapPicture.of(rowsMap(), PictureOptions.defaults().withSize(640, 480));

        BufferedImage image = png(picture);

        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(480);
        assertThat(picture.widthPixels()).isEqualTo(640);
        assertThat(picture.grid().columns() * 8 + 1).isLessThanOrEqualTo(640 - 16);
    }

    @Test
    void shouldPaintEachCellInItsColour() throws IOException {
        MapPicture picture = MapPicture.of(rowsMap(), grid10());

        BufferedImage image = png(picture);

        assertThat(picture.grid().cellBytes()).isEqualTo(CELL);
        assertThat(cellPixel(image, picture, 0)).isEqualTo(0x20E020);
        assertThat(cellPixel(image, picture, 49)).isEqualTo(0x20E020);
        assertThat(cellPixel(image, picture, 50)).isEqualTo(0xFF0000);
        assertThat(cellPixel(image, picture, 94)).isEqualTo(0x909090);
        assertThat(cellPixel(image, picture, 95)).isEqualTo(0xFA0505); // one bad sector among non-tried
        assertThat(cellPixel(image, picture, 96)).isEqualTo(0x909090);
        PictureLayout layout = picture.layout();
        // grid lines left of cells 2 and 11, and the cyan frame on the grid lines around cell 0 (current pos 0)
        assertThat(image.getRGB(layout.boxX(2), layout.cellY(2) + 2) & 0xFFFFFF).isEqualTo(Palette.GRID);
        assertThat(image.getRGB(layout.boxX(11), layout.cellY(11) + 2) & 0xFFFFFF).isEqualTo(Palette.GRID);
        assertThat(image.getRGB(layout.boxX(0), layout.cellY(0) + 2) & 0xFFFFFF).isEqualTo(Palette.CURRENT_POSITION);
        assertThat(image.getRGB(layout.boxX(1), layout.cellY(1) + 2) & 0xFFFFFF).isEqualTo(Palette.CURRENT_POSITION);
    }

    @Test
    void shouldDrawTextIntoThePicture() throws IOException {
        MapPicture picture = MapPicture.of(rowsMap(), grid10());
        BufferedImage image = png(picture);
        PictureLayout layout = picture.layout();

        assertThat(inkPixels(image, PictureLayout.MARGIN, layout.titleY, image.getWidth(), layout.lineHeight))
                .isGreaterThan(100);
        for (int line = 0; line < 6; line++) {
            int y = layout.legendLineY(line);
            assertThat(inkPixels(image, layout.textX(), y, image.getWidth(), layout.lineHeight)).isGreaterThan(100);
        }
        // the swatch of the first legend line, non-tried
        assertThat(image.getRGB(PictureLayout.MARGIN + 2, layout.legendLineY(0) + 2) & 0xFFFFFF).isEqualTo(0x909090);
        // in grid mode the picture widens to fit its longest text
        assertThat(image.getWidth()).isGreaterThan(layout.mapWidth() + 2 * PictureLayout.MARGIN);
    }

    private static int inkPixels(BufferedImage image, int x0, int y0, int x1, int height) {
        int ink = 0;
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x1; x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == PngRenderer.TEXT) {
                    ink++;
                }
            }
        }
        return ink;
    }

    @Test
    void shouldWriteWellFormedSvgWithTheLegend() throws Exception {
        MapPicture picture = MapPicture.of(rowsMap(), grid10().withTitle("a&b <map> \"x\"\u0007.map"));

        Document doc = svg(picture);

        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getDocumentElement().getAttribute("width")).isEqualTo(Integer.toString(picture.widthPixels()));
        List<String> texts = texts(doc);
        assertThat(texts.get(0)).startsWith("a&b <map> \"x\"?.map").contains("extent: 409600 B", "cell: 4096 B");
        assertThat(String.join("\n", texts)).contains("non-tried:", "rescued:", "non-trimmed:", "non-scraped:",
                "bad-sector:", "current pos:", "current status: trimming");
        assertThat(texts).anySatisfy(t -> assertThat(t).startsWith("rescued:").contains("204800 B")
                .contains("in       1 area(s)").endsWith("50%"));
    }

    @Test
    void shouldWriteOneRectPerRunOfEqualColourInARow() throws Exception {
        MapPicture picture = MapPicture.of(rowsMap(), grid10());

        List<Element> rects = mapRects(svg(picture), picture.layout());

        // rows 0-8 are one colour each; row 9 is non-tried, blend, non-tried
        assertThat(rects).hasSize(9 + 3);
        assertThat(rects.stream().filter(r -> r.getAttribute("fill").equals("#fa0505"))).hasSize(1);
        Element firstRow = rects.get(0);
        assertThat(firstRow.getAttribute("fill")).isEqualTo("#20e020");
        assertThat(firstRow.getAttribute("width")).isEqualTo(Integer.toString(10 * 8 - 1));
    }

    @Test
    void shouldDimWhatLiesOutsideTheDomain() throws Exception {
        Domain domain = Domain.of(20 * CELL, 20 * CELL); // rows 2 and 3: finished
        MapPicture picture = MapPicture.of(rowsMap(), grid10().withDomain(domain, PictureOptions.DomainStyle.DIM));

        BufferedImage image = png(picture);

        assertThat(cellPixel(image, picture, 10)).isEqualTo(Palette.OUTSIDE_DOMAIN);
        assertThat(cellPixel(image, picture, 25)).isEqualTo(0x20E020);
        assertThat(cellPixel(image, picture, 60)).isEqualTo(Palette.OUTSIDE_DOMAIN);
        assertThat(picture.totals().bytes(FINISHED)).isEqualTo(20 * CELL);
        assertThat(picture.totals().percentage(FINISHED)).isEqualTo("100%");
        assertThat(String.join("\n", texts(svg(picture)))).contains("(outside dimmed)");
    }

    @Test
    void shouldOutlineTheCellsTheDomainTouches() throws Exception {
        Domain domain = Domain.of(22 * CELL + 100, 3 * CELL); // touches cells 22 to 25
        MapPicture picture = MapPicture.of(rowsMap(),
                grid10().withDomain(domain, PictureOptions.DomainStyle.OUTLINE));
        BufferedImage image = png(picture);
        PictureLayout layout = picture.layout();

        int mid = layout.cellSize() / 2;
        assertThat(image.getRGB(layout.boxX(22), layout.cellY(22) + mid) & 0xFFFFFF)
                .as("left border of cell 22").isEqualTo(Palette.DOMAIN_OUTLINE);
        assertThat(image.getRGB(layout.boxX(23), layout.cellY(23) + mid) & 0xFFFFFF)
                .as("no border between cells 22 and 23").isEqualTo(Palette.GRID);
        assertThat(image.getRGB(layout.boxX(23) + mid, layout.boxY(23)) & 0xFFFFFF)
                .as("top border of cell 23").isEqualTo(Palette.DOMAIN_OUTLINE);
        assertThat(cellPixel(image, picture, 23)).isEqualTo(0x20E020); // colours stay those of the whole map
        assertThat(picture.totals().size()).isEqualTo(100 * CELL);
        Document doc = svg(picture);
        NodeList paths = doc.getElementsByTagName("path");
        boolean outlined = false;
        for (int i = 0; i < paths.getLength(); i++) {
            outlined |= ((Element) paths.item(i)).getAttribute("stroke").equals(Palette.hex(Palette.DOMAIN_OUTLINE));
        }
        assertThat(outlined).isTrue();
        assertThat(String.join("\n", texts(doc))).contains("domain:", "12288 B", "(outlined)");
    }

    @Test
    void shouldRenderASixteenTerabyteMapOfAMillionBlocks() throws Exception {
        Random rnd = new Random(16);
        List<StatusBlock> blocks = new ArrayList<>(1_000_000);
        long pos = 0;
        for (int i = 0; i < 1_000_000; i += 2) {
            long shift = 512L * rnd.nextInt(30_000); // pairs of sizes 16 MB +- shift: the total stays exact
            BlockStatus status = rnd.nextInt(50) == 0 ? TestMaps.STATUSES[rnd.nextInt(4)] : FINISHED;
            blocks.add(new StatusBlock(pos, 16_000_000 + shift, status));
            pos += 16_000_000 + shift;
            blocks.add(new StatusBlock(pos, 16_000_000 - shift, rnd.nextInt(100) == 0 ? BAD_SECTOR : FINISHED));
            pos += 16_000_000 - shift;
        }
        Mapfile map = new Mapfile(pos / 3, RunStatus.SCRAPING, 1, BlockMap.of(blocks));
        assertThat(map.blocks().extent().end()).isEqualTo(16_000_000_000_000L);

        MapPicture picture = MapPicture.of(map, PictureOptions.defaults().withTitle("16tb.map"));
        BufferedImage image = png(picture);
        CountingAppendable svg = new CountingAppendable();
        picture.writeSvg(svg);

        assertThat(image.getWidth()).isEqualTo(1024);
        assertThat(image.getHeight()).isEqualTo(768);
        assertThat(svg.length).isPositive();
        long total = 0;
        for (BlockStatus status : BlockStatus.values()) {
            total += picture.totals().bytes(status);
        }
        assertThat(total).isEqualTo(16_000_000_000_000L);
        assertThat(picture.totals().blockCount()).isEqualTo(1_000_000);
    }

    /** Counts characters without keeping them. */
    private static final class CountingAppendable implements Appendable {
        long length;

        @Override
        public Appendable append(CharSequence csq) {
            length += csq.length();
            return this;
        }

        @Override
        public Appendable append(CharSequence csq, int start, int end) {
            length += end - start;
            return this;
        }

        @Override
        public Appendable append(char c) {
            length++;
            return this;
        }
    }

    @Test
    void shouldShowEveryBadAreaOfARealTestMap() throws Exception {
        Mapfile map = TestMaps.readShared("vectors/ddrescue-1.27/common/testmap_main.map");
        MapPicture picture = MapPicture.of(map,
                PictureOptions.defaults().withGrid(64, 32).withTitle("testmap_main.map"));
        CellGrid grid = picture.grid();

        // 64 MiB over 2048 cells: 32 KiB each; every bad area makes its cells red or almost red
        assertThat(grid.cellBytes()).isEqualTo(32768);
        for (StatusBlock sb : map.blocks()) {
            if (sb.status() == BAD_SECTOR) {
                int cell = grid.cellAt(sb.pos());
                assertThat(grid.rgb(cell)).as("cell of %s", sb).isIn(0xFF0000, 0xF10D01);
            }
        }
        assertThat(grid.rgb(grid.cellAt(0x00100000))).isEqualTo(0xF10D01); // 1 sector in a 32 KiB cell
        assertThat(picture.totals().areas(BAD_SECTOR)).isEqualTo(8);
        assertThat(png(picture).getWidth()).isEqualTo(picture.widthPixels());
    }

    @Test
    void shouldWriteFilesByExtensionAndReplaceThemWhole(@TempDir Path dir) throws Exception {
        MapPicture picture = MapPicture.of(rowsMap(), grid10());
        Path png = dir.resolve("map.png");
        Path svg = dir.resolve("map.SVG");
        Files.writeString(png, "old content");

        picture.writeTo(png);
        picture.writeTo(svg);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(picture.widthPixels());
        assertThat(Files.readString(svg)).startsWith("<?xml").endsWith("</svg>\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("map.png", "map.SVG");
        }
        assertThatThrownBy(() -> picture.writeTo(dir.resolve("map.jpg")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("*.png or *.svg");
    }

    @Test
    void shouldRefuseSizesWithoutRoomForTheMap() {
        assertThatThrownBy(() -> MapPicture.of(rowsMap(), PictureOptions.defaults().withSize(200, 100)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no room");
        assertThatThrownBy(() -> PictureOptions.defaults().withGrid(0, 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PictureOptions.defaults().withCellPixels(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldDrawSmallCellsWithoutGridLines() throws IOException {
        MapPicture picture = MapPicture.of(rowsMap(), grid10().withCellPixels(2).withoutTitle());

        BufferedImage image = png(picture);
        PictureLayout layout = picture.layout();

        assertThat(layout.gridLines).isFalse();
        assertThat(layout.titleY).isEqualTo(-1);
        assertThat(image.getRGB(layout.cellX(0), layout.cellY(0)) & 0xFFFFFF).isNotEqualTo(Palette.GRID);
        assertThat(image.getRGB(layout.cellX(55), layout.cellY(55)) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(image.getRGB(layout.cellX(55) + 1, layout.cellY(55) + 1) & 0xFFFFFF).isEqualTo(0xFF0000);
    }

    @Test
    void shouldListTheStatusesInDdrescuelogOrder() throws Exception {
        Mapfile map = new Mapfile(TestMaps.of(CELL, NON_TRIED, CELL, NON_TRIMMED, CELL, NON_SCRAPED,
                CELL, BAD_SECTOR, CELL, FINISHED));
        MapPicture picture = MapPicture.of(map, PictureOptions.defaults().withGrid(5, 1));

        List<String> texts = texts(svg(picture));

        assertThat(texts.subList(1, 6)).extracting(t -> t.substring(0, t.indexOf(':')))
                .containsExactly("non-tried", "rescued", "non-trimmed", "non-scraped", "bad-sector");
        assertThat(texts.get(1)).endsWith(" 20%");
    }

    @Test
    void shouldLeaveTheUnmappedStartUndefined() {
        Mapfile map = new Mapfile(BlockMap.of(List.of(new StatusBlock(new Block(CELL * 10, CELL * 10), FINISHED))));

        MapPicture picture = MapPicture.of(map, PictureOptions.defaults().withGrid(4, 5));

        assertThat(picture.grid().cellBytes()).isEqualTo(CELL);
        assertThat(picture.grid().rgb(0)).isEqualTo(Palette.UNDEFINED);
        assertThat(picture.grid().rgb(10)).isEqualTo(Palette.rgb(FINISHED));
        assertThat(picture.totals().extent()).isEqualTo(new Block(CELL * 10, CELL * 10));
    }
}
