package io.ocellus.commons.charts;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/** Draws a job's loss and accuracy against epoch, train and validation, as a PNG: the plot people look at first. */
public final class TrainingCurve {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Color TRAIN_COLOUR = new Color(0x1f, 0x77, 0xb4);
    private static final Color VALIDATION_COLOUR = new Color(0xff, 0x7f, 0x0e);
    private static final Color PHASE_COLOUR = new Color(0x55, 0x55, 0x55);
    private static final int WIDTH = 900;
    private static final int HEIGHT = 640;

    private TrainingCurve() {
    }

    public static byte[] png(String title, List<CurvePoint> history) {
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        epochs.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochs);
        XYPlot loss = panel("loss", history, CurvePoint::trainLoss, CurvePoint::valLoss);
        XYPlot accuracy = panel("accuracy", history, CurvePoint::trainAccuracy, CurvePoint::valAccuracy);
        markPhases(history, loss, true);
        markPhases(history, accuracy, false);
        plot.add(loss, 1);
        plot.add(accuracy, 1);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A line where a job's phase changes (a fine-tuning job's warm-up ends), named on the top panel. */
    private static void markPhases(List<CurvePoint> history, XYPlot panel, boolean named) {
        for (int i = 0; i < history.size(); i++) {
            String phase = history.get(i).phase();
            String before = i == 0 ? null : history.get(i - 1).phase();
            if (phase != null && !phase.equals(before)) {
                ValueMarker start = new ValueMarker(history.get(i).epoch() - 0.5, PHASE_COLOUR, new BasicStroke(1.5f,
                        BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
                if (named) {
                    start.setLabel(phase);
                    start.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                    start.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                }
                panel.addDomainMarker(start);
            }
        }
    }

    private static XYPlot panel(String name, List<CurvePoint> history, Function<CurvePoint, Double> train,
                                Function<CurvePoint, Double> validation) {
        XYSeries trainSeries = new XYSeries("train " + name);
        XYSeries valSeries = new XYSeries("val " + name);
        for (CurvePoint m : history) {
            trainSeries.add(m.epoch(), train.apply(m));
            if (validation.apply(m) != null) {
                valSeries.add(m.epoch(), validation.apply(m));
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(trainSeries);
        data.addSeries(valSeries);
        NumberAxis axis = new NumberAxis(name);
        axis.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, true);
        lines.setSeriesPaint(0, TRAIN_COLOUR);
        lines.setSeriesPaint(1, VALIDATION_COLOUR);
        XYPlot panel = new XYPlot(data, null, axis, lines);
        panel.setBackgroundPaint(Color.WHITE);
        panel.setRangeGridlinePaint(Color.LIGHT_GRAY);
        panel.setDomainGridlinePaint(Color.LIGHT_GRAY);
        return panel;
    }
}
