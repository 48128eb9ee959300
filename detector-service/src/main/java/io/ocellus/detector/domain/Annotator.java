package io.ocellus.detector.domain;

import io.ocellus.schema.events.DetectedBox;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/** Draws detections over their image: a box per detection, labelled with its class and score, as a PNG. */
public final class Annotator {

    private static final Color[] PALETTE = {new Color(230, 25, 75), new Color(60, 180, 75), new Color(0, 130, 200),
            new Color(245, 130, 48), new Color(145, 30, 180), new Color(70, 240, 240), new Color(240, 50, 230)};

    private Annotator() {
    }

    public static byte[] png(BufferedImage image, List<DetectedBox> boxes, List<String> labels) {
        BufferedImage canvas = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            float stroke = Math.max(1.5f, Math.min(image.getWidth(), image.getHeight()) / 200f);
            g.setStroke(new BasicStroke(stroke));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, Math.round(stroke * 6))));
            for (DetectedBox box : boxes) {
                Color colour = PALETTE[Math.floorMod(labels.indexOf(box.label()), PALETTE.length)];
                g.setColor(colour);
                g.drawRect(box.x1(), box.y1(), box.x2() - box.x1(), box.y2() - box.y1());
                String caption = String.format(Locale.ROOT, "%s %.2f", box.label(), box.score());
                int textWidth = g.getFontMetrics().stringWidth(caption);
                int textHeight = g.getFontMetrics().getHeight();
                int top = Math.max(0, box.y1() - textHeight);
                g.fillRect(box.x1(), top, textWidth + 4, textHeight);
                g.setColor(Color.WHITE);
                g.drawString(caption, box.x1() + 2, top + g.getFontMetrics().getAscent());
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(canvas, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
