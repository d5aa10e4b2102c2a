/// Something that draws itself into a rectangle of a canvas, and nowhere else.
public protocol Widget {
    func render(in area: Rect, on canvas: inout Canvas)
}
