"""An image operation for link previews that always yields exactly the size asked for.

Wagtail's `fill` rounds its crop box outwards and only resizes when the crop is
larger than the target, so an image exactly 1200 px wide can come out 1200x631 for
`fill-1200x630`. Facebook and WhatsApp previews want the stated size; `cover`
is `fill` (same focal-point cropping) followed by a resize to the exact size when
the rounding left a pixel over.
"""

from wagtail.images.image_operations import FillOperation


class ExactFillOperation(FillOperation):
    def run(self, transform, image):
        transform = super().run(transform, image)
        if transform.size != (self.width, self.height) and transform.size[0] >= self.width:
            transform = transform.resize((self.width, self.height))
        return transform
