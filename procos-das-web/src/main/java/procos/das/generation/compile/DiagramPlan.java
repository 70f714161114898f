package procos.das.generation.compile;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where every element and flow of one model is drawn: shape bounds by element id, waypoints by flow id. */
final class DiagramPlan {

    record Bounds(double x, double y, double width, double height) {

        boolean overlaps(Bounds other) {
            return x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height;
        }

        boolean contains(Bounds other) {
            return other.x >= x && other.y >= y && other.x + other.width <= x + width && other.y + other.height <= y + height;
        }
    }

    record Point(double x, double y) {
    }

    private final Map<String, Bounds> shapes = new LinkedHashMap<>();
    private final Map<String, List<Point>> edges = new LinkedHashMap<>();
    private final Set<String> expanded = new LinkedHashSet<>();

    void shape(String elementId, Bounds bounds) {
        shapes.put(elementId, bounds);
    }

    /** A subprocess drawn open, its content inside it. */
    void expandedShape(String elementId, Bounds bounds) {
        shapes.put(elementId, bounds);
        expanded.add(elementId);
    }

    void edge(String flowId, Point... waypoints) {
        edges.put(flowId, List.of(waypoints));
    }

    Map<String, Bounds> shapes() {
        return shapes;
    }

    Map<String, List<Point>> edges() {
        return edges;
    }

    boolean isExpanded(String elementId) {
        return expanded.contains(elementId);
    }
}
