package procos.das.generation.compile;

import java.util.List;
import procos.das.generation.compile.DiagramPlan.Bounds;
import procos.das.generation.compile.DiagramPlan.Point;

/**
 * One block of the compiled model as the diagram lays it out: the same tree as the description,
 * naming the elements and flows the compiler made for each step. A block is drawn left to right
 * around a horizontal axis; it is entered on the left and left on the right, both on the axis, so
 * blocks in a sequence line up and nested blocks never overlap.
 */
sealed interface Block permits Block.Node, Block.Chain, Block.Fork, Block.Cycle, Block.Container, Block.Guarded {

    double GAP = 50;
    double ROW_GAP = 40;
    double EMPTY_LANE = 40;
    double PADDING = 30;

    /** Width, height, and the axis as the distance from the block's top. */
    record Size(double width, double height, double axis) {
    }

    Size size();

    /** Records where the block's shapes and inner flows go, its top-left corner at ({@code x}, {@code top}). */
    void place(double x, double top, DiagramPlan plan);

    /** The kinds of flow node, with BPMN modellers' usual sizes. */
    enum Kind {
        ACTIVITY(100, 80), EVENT(36, 36), GATEWAY(50, 50);

        final double width;
        final double height;

        Kind(double width, double height) {
            this.width = width;
            this.height = height;
        }
    }

    /** A single flow node. */
    record Node(String id, Kind kind) implements Block {

        @Override
        public Size size() {
            return new Size(kind.width, kind.height, kind.height / 2);
        }

        @Override
        public void place(double x, double top, DiagramPlan plan) {
            plan.shape(id, new Bounds(x, top, kind.width, kind.height));
        }
    }

    /** Blocks one after another; {@code flows.get(i)} goes from part i to part i + 1. */
    record Chain(List<Block> parts, List<String> flows) implements Block {

        public Chain {
            parts = List.copyOf(parts);
            flows = List.copyOf(flows);
            if (!parts.isEmpty() && flows.size() != parts.size() - 1) {
                throw new IllegalArgumentException(parts.size() + " parts need " + (parts.size() - 1) + " flows, not " + flows.size());
            }
        }

        boolean isEmpty() {
            return parts.isEmpty();
        }

        @Override
        public Size size() {
            double width = 0;
            double above = 0;
            double below = 0;
            for (Block part : parts) {
                Size size = part.size();
                width += size.width();
                above = Math.max(above, size.axis());
                below = Math.max(below, size.height() - size.axis());
            }
            return new Size(width + GAP * Math.max(0, parts.size() - 1), above + below, above);
        }

        @Override
        public void place(double x, double top, DiagramPlan plan) {
            double axis = top + size().axis();
            double left = x;
            for (int i = 0; i < parts.size(); i++) {
                Size size = parts.get(i).size();
                parts.get(i).place(left, axis - size.axis(), plan);
                left += size.width();
                if (i < flows.size()) {
                    plan.edge(flows.get(i), new Point(left, axis), new Point(left + GAP, axis));
                    left += GAP;
                }
            }
        }
    }

    /**
     * One branch of a split: its steps, the flow into it and the flow out of it to the join; an
     * empty branch has one flow, from split to join, and {@code outFlow} is {@code null}.
     */
    record Arm(Chain chain, String inFlow, String outFlow) {

        Size size() {
            return chain.isEmpty() ? new Size(0, EMPTY_LANE, EMPTY_LANE / 2) : chain.size();
        }
    }

    /** A split gateway, its branches one below the other, a join gateway. */
    record Fork(String splitId, String joinId, List<Arm> arms) implements Block {

        public Fork {
            arms = List.copyOf(arms);
        }

        @Override
        public Size size() {
            List<Size> sizes = arms.stream().map(Arm::size).toList();
            double widest = 0;
            for (Size size : sizes) {
                widest = Math.max(widest, size.width());
            }
            double axis = Math.max(Kind.GATEWAY.height / 2, sizes.get(0).axis());
            double bottom = axis + Kind.GATEWAY.height / 2;
            double top = axis - sizes.get(0).axis();
            for (Size size : sizes) {
                bottom = Math.max(bottom, top + size.height());
                top += size.height() + ROW_GAP;
            }
            return new Size(2 * Kind.GATEWAY.width + 2 * GAP + widest, bottom, axis);
        }

        @Override
        public void place(double x, double top, DiagramPlan plan) {
            Size size = size();
            double g = Kind.GATEWAY.width;
            double axis = top + size.axis();
            double joinX = x + size.width() - g;
            plan.shape(splitId, new Bounds(x, axis - g / 2, g, g));
            plan.shape(joinId, new Bounds(joinX, axis - g / 2, g, g));
            double armX = x + g + GAP;
            double armTop = axis - arms.get(0).size().axis();
            for (int i = 0; i < arms.size(); i++) {
                Arm arm = arms.get(i);
                Size armSize = arm.size();
                double armAxis = armTop + armSize.axis();
                arm.chain().place(armX, armTop, plan);
                double armEnd = armX + armSize.width();
                if (i == 0) {
                    if (arm.chain().isEmpty()) {
                        plan.edge(arm.inFlow(), new Point(x + g, axis), new Point(joinX, axis));
                    } else {
                        plan.edge(arm.inFlow(), new Point(x + g, axis), new Point(armX, axis));
                        plan.edge(arm.outFlow(), new Point(armEnd, axis), new Point(joinX, axis));
                    }
                } else {
                    Point splitBottom = new Point(x + g / 2, axis + g / 2);
                    Point joinBottom = new Point(joinX + g / 2, axis + g / 2);
                    if (arm.chain().isEmpty()) {
                        plan.edge(arm.inFlow(), splitBottom, new Point(x + g / 2, armAxis),
                                new Point(joinX + g / 2, armAxis), joinBottom);
                    } else {
                        plan.edge(arm.inFlow(), splitBottom, new Point(x + g / 2, armAxis), new Point(armX, armAxis));
                        plan.edge(arm.outFlow(), new Point(armEnd, armAxis), new Point(joinX + g / 2, armAxis), joinBottom);
                    }
                }
                armTop += armSize.height() + ROW_GAP;
            }
        }
    }

    /** A loop that checks after its body: merge gateway, body, check gateway, and a flow back below the body. */
    record Cycle(String mergeId, String checkId, Chain body, String entryFlow, String checkFlow, String backFlow)
            implements Block {

        @Override
        public Size size() {
            Size body = body().size();
            double axis = Math.max(Kind.GATEWAY.height / 2, body.axis());
            double bottom = Math.max(axis + Kind.GATEWAY.height / 2, axis - body.axis() + body.height());
            return new Size(2 * Kind.GATEWAY.width + 2 * GAP + body.width(), bottom + EMPTY_LANE, axis);
        }

        @Override
        public void place(double x, double top, DiagramPlan plan) {
            Size size = size();
            Size bodySize = body.size();
            double g = Kind.GATEWAY.width;
            double axis = top + size.axis();
            double bodyX = x + g + GAP;
            double checkX = x + size.width() - g;
            double lane = top + size.height() - EMPTY_LANE / 2;
            plan.shape(mergeId, new Bounds(x, axis - g / 2, g, g));
            plan.shape(checkId, new Bounds(checkX, axis - g / 2, g, g));
            body.place(bodyX, axis - bodySize.axis(), plan);
            plan.edge(entryFlow, new Point(x + g, axis), new Point(bodyX, axis));
            plan.edge(checkFlow, new Point(bodyX + bodySize.width(), axis), new Point(checkX, axis));
            plan.edge(backFlow, new Point(checkX + g / 2, axis + g / 2), new Point(checkX + g / 2, lane),
                    new Point(x + g / 2, lane), new Point(x + g / 2, axis + g / 2));
        }
    }

    /** An expanded subprocess drawn around its content. */
    record Container(String id, Chain content) implements Block {

        @Override
        public Size size() {
            Size inner = content.size();
            return new Size(inner.width() + 2 * PADDING, inner.height() + 2 * PADDING, inner.axis() + PADDING);
        }

        @Override
        public void place(double x, double top, DiagramPlan plan) {
            Size size = size();
            plan.expandedShape(id, new Bounds(x, top, size.width(), size.height()));
            content.place(x + PADDING, top + PADDING, plan);
        }
    }

    /**
     * A task with a timer on its border: the normal flow goes right to a merge gateway; the
     * escalation runs below the task from the timer and comes up into the same merge.
     */
    record Guarded(Node task, String timerId, Chain escalation, String mergeId, String taskFlow, String timerFlow,
                   String escalationFlow) implements Block {

        private static final double TIMER_X = Kind.ACTIVITY.width - 25;

        private Size escalationSize() {
            return escalation.isEmpty() ? new Size(0, EMPTY_LANE, EMPTY_LANE / 2) : escalation.size();
        }

        private double escalationTop() {
            return Kind.ACTIVITY.height + Kind.EVENT.height / 2 + ROW_GAP / 2;
        }

        private double mergeX() {
            return Math.max(Kind.ACTIVITY.width, TIMER_X + GAP + escalationSize().width()) + GAP;
        }

        @Override
        public Size size() {
            return new Size(mergeX() + Kind.GATEWAY.width, escalationTop() + escalationSize().height(), Kind.ACTIVITY.height / 2);
        }

        @Override
        public void place(double x, double top, DiagramPlan plan) {
            double g = Kind.GATEWAY.width;
            double e = Kind.EVENT.width;
            double axis = top + Kind.ACTIVITY.height / 2;
            double timerX = x + TIMER_X;
            double timerBottom = top + Kind.ACTIVITY.height + e / 2;
            double mergeX = x + mergeX();
            double escalationX = timerX + GAP;
            double escalationAxis = top + escalationTop() + escalationSize().axis();
            Point mergeBottom = new Point(mergeX + g / 2, axis + g / 2);
            task.place(x, top, plan);
            plan.shape(timerId, new Bounds(timerX - e / 2, top + Kind.ACTIVITY.height - e / 2, e, e));
            plan.shape(mergeId, new Bounds(mergeX, axis - g / 2, g, g));
            plan.edge(taskFlow, new Point(x + Kind.ACTIVITY.width, axis), new Point(mergeX, axis));
            if (escalation.isEmpty()) {
                plan.edge(timerFlow, new Point(timerX, timerBottom), new Point(timerX, escalationAxis),
                        new Point(mergeX + g / 2, escalationAxis), mergeBottom);
            } else {
                escalation.place(escalationX, top + escalationTop(), plan);
                plan.edge(timerFlow, new Point(timerX, timerBottom), new Point(timerX, escalationAxis),
                        new Point(escalationX, escalationAxis));
                plan.edge(escalationFlow, new Point(escalationX + escalation.size().width(), escalationAxis),
                        new Point(mergeX + g / 2, escalationAxis), mergeBottom);
            }
        }
    }
}
