package org.wildfly.extras.sip.test;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

/** PNG charts of {@link RealServerBenchmark}'s figures, drawn with Java 2D (headless): bars per configuration, lines per rate. */
final class BenchmarkCharts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;
    private static final int LEFT = 300;
    private static final int RIGHT = 40;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Color[] PALETTE = { new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
            new Color(0x8c564b), new Color(0xe377c2) };

    private BenchmarkCharts() {
    }

    /**
     * Horizontal bars, one per configuration; a configuration without a figure (NaN) is named without a bar.
     * @param values the figure of each configuration, in order
     */
    static void bars(Path file, String title, String unit, Map<String, Double> values) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image, title);
        double max = values.values().stream().filter(value -> !value.isNaN()).mapToDouble(Double::doubleValue).max().orElse(1);
        max = (max <= 0) ? 1 : max;
        int plotWidth = WIDTH - LEFT - RIGHT - 80;
        int row = (HEIGHT - TOP - BOTTOM) / Math.max(1, values.size());
        int y = TOP;
        int i = 0;
        for (Map.Entry<String, Double> entry : values.entrySet()) {
            g.setColor(Color.DARK_GRAY);
            g.drawString(entry.getKey(), 10, y + row / 2 + 5);
            double value = entry.getValue();
            if (!Double.isNaN(value)) {
                int length = (int) Math.round(plotWidth * value / max);
                g.setColor(PALETTE[i % PALETTE.length]);
                g.fillRect(LEFT, y + row / 5, Math.max(1, length), row * 3 / 5);
                g.setColor(Color.DARK_GRAY);
                g.drawString(format(value) + " " + unit, LEFT + length + 6, y + row / 2 + 5);
            } else {
                g.setColor(Color.GRAY);
                g.drawString("not measured", LEFT + 6, y + row / 2 + 5);
            }
            y += row;
            i++;
        }
        g.setColor(Color.GRAY);
        g.drawLine(LEFT, TOP, LEFT, HEIGHT - BOTTOM);
        ImageIO.write(image, "png", file.toFile());
    }

    /**
     * Lines of y against x, one per configuration, with a legend.
     * @param series each configuration's points, {x, y}, in order of x
     */
    static void lines(Path file, String title, String xLabel, String yLabel, Map<String, List<double[]>> series) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image, title);
        int left = 80;
        double maxX = 1;
        double maxY = 1;
        for (List<double[]> points : series.values()) {
            for (double[] point : points) {
                if (!Double.isNaN(point[1])) {
                    maxX = Math.max(maxX, point[0]);
                    maxY = Math.max(maxY, point[1]);
                }
            }
        }
        int plotRight = WIDTH - 260;
        int plotBottom = HEIGHT - BOTTOM;
        g.setColor(Color.GRAY);
        g.drawLine(left, TOP, left, plotBottom);
        g.drawLine(left, plotBottom, plotRight, plotBottom);
        g.setColor(Color.DARK_GRAY);
        for (int tick = 0; tick <= 4; tick++) {
            int x = left + (plotRight - left) * tick / 4;
            int y = plotBottom - (plotBottom - TOP) * tick / 4;
            g.drawString(format(maxX * tick / 4), x - 10, plotBottom + 18);
            g.drawString(format(maxY * tick / 4), 10, y + 5);
        }
        g.drawString(xLabel, (left + plotRight) / 2 - 40, plotBottom + 40);
        g.drawString(yLabel, 10, TOP - 12);
        int i = 0;
        for (Map.Entry<String, List<double[]>> entry : series.entrySet()) {
            Color color = PALETTE[i % PALETTE.length];
            g.setColor(color);
            g.setStroke(new BasicStroke(2));
            int[] previous = null;
            for (double[] point : entry.getValue()) {
                if (Double.isNaN(point[1])) {
                    continue;
                }
                int x = left + (int) Math.round((plotRight - left) * point[0] / maxX);
                int y = plotBottom - (int) Math.round((plotBottom - TOP) * point[1] / maxY);
                g.fillOval(x - 3, y - 3, 7, 7);
                if (previous != null) {
                    g.drawLine(previous[0], previous[1], x, y);
                }
                previous = new int[] { x, y };
            }
            g.fillRect(plotRight + 20, TOP + 20 * i, 12, 12);
            g.setColor(Color.DARK_GRAY);
            g.drawString(entry.getKey(), plotRight + 38, TOP + 20 * i + 11);
            i++;
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static Graphics2D canvas(BufferedImage image, String title) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 10, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return g;
    }

    private static String format(double value) {
        return (value >= 100 || value == Math.rint(value)) ? String.format("%.0f", value) : String.format("%.1f", value);
    }
}
