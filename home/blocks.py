"""The block library shared by every body field on the site.

Every block has a description and a preview value so the editor's block picker
shows what it makes.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("Heading"), max_length=120, help_text=_("A few words that say what the section is about.")
    )
    level = blocks.ChoiceBlock(
        label=_("Level"),
        help_text=_("Use a sub-heading only inside a section that already has a section heading."),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        description = _("A heading that starts a section of the page.")
        preview_value = {"text": "Pelatihan untuk semua", "level": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(
        label=_("Image"), help_text=_("Set the focal point on the image so phones crop around what matters.")
    )
    caption = blocks.CharBlock(
        label=_("Caption"), required=False, max_length=250, help_text=_("Shown under the photo: who, what, where.")
    )
    credit = blocks.CharBlock(
        label=_("Credit"), required=False, max_length=120, help_text=_("Who took the photo or owns it.")
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        description = _("A photo with an optional caption and credit.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(
        label=_("Quote"), max_length=500, help_text=_("The words as they were said, without quotation marks.")
    )
    attribution = blocks.CharBlock(
        label=_("Who said it"),
        required=False,
        max_length=120,
        help_text=_("Name and role. For a participant who stays anonymous, write the pseudonym only."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        description = _("Words of a participant, trainer or partner.")
        preview_value = {
            "text": "Dulu saya tidak punya keterampilan, sekarang saya punya usaha sendiri.",
            "attribution": "Peserta pelatihan anyaman",
        }


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120, help_text=_("What the reader can do, in a few words."))
    text = blocks.TextBlock(
        label=_("Text"), required=False, max_length=300, help_text=_("One or two sentences on why it is worth doing.")
    )
    page = blocks.PageChooserBlock(
        label=_("Page"),
        required=False,
        help_text=_("A page on this site. Fill in this or the external link, not both."),
    )
    url = blocks.URLBlock(
        label=_("External link"), required=False, help_text=_("A full address starting with https://, for other sites.")
    )
    button_label = blocks.CharBlock(
        label=_("Button label"), max_length=60, help_text=_("A short verb first, for example: Register now.")
    )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose either a page on this site or an external link, not both and not neither.")
            raise StructBlockValidationError(
                block_errors={"page": forms.ValidationError(message), "url": forms.ValidationError(message)}
            )
        return value

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"
        description = _("A box that asks the reader to do one thing, with a button.")
        preview_value = {
            "title": "Daftar pelatihan gratis",
            "text": "Tempat terbatas. Lihat jadwal pelatihan bulan ini.",
            "url": "https://example.org/",
            "button_label": "Lihat jadwal",
        }


class StatisticBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Figure"), max_length=30, help_text=_("For example: 120 or 75%."))
    label = blocks.CharBlock(
        label=_("What it counts"), max_length=120, help_text=_("For example: participants trained this year.")
    )
    source = blocks.CharBlock(
        label=_("Source"),
        required=False,
        max_length=200,
        help_text=_("Where the figure comes from, so readers can trust it."),
    )

    class Meta:
        icon = "order"
        label = _("Statistic")
        template = "blocks/statistic_block.html"
        description = _("One key figure, shown large, with what it counts.")
        preview_value = {"value": "120", "label": "peserta lulus pelatihan tahun ini"}


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(
        label=_("Question"), max_length=200, help_text=_("As a visitor would ask it, ending with a question mark.")
    )
    answer = blocks.RichTextBlock(
        label=_("Answer"), features=RICH_TEXT_FEATURES, help_text=_("A short, direct answer; link to details.")
    )


class FAQBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Title"), required=False, max_length=120, help_text=_("Optional, for example: Common questions.")
    )
    items = blocks.ListBlock(
        FAQItemBlock(), label=_("Questions"), min_num=1, help_text=_("At least one question; drag to reorder.")
    )

    class Meta:
        icon = "help"
        label = _("Frequently asked questions")
        template = "blocks/faq_block.html"
        description = _("Questions and answers that open one by one, also without JavaScript.")
        preview_value = {
            "title": "Pertanyaan umum",
            "items": [{"question": "Apakah pelatihan ini gratis?", "answer": "<p>Ya, tanpa biaya.</p>"}],
        }


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        features=RICH_TEXT_FEATURES,
        template="blocks/paragraph_block.html",
        description=_("Running text with links and lists."),
        preview_value="<p>Pelatihan keterampilan membuka jalan menuju usaha sendiri.</p>",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    statistic = StatisticBlock()
    embed = EmbedBlock(
        label=_("Video or post"),
        icon="media",
        template="blocks/embed_block.html",
        description=_("A YouTube video or another embeddable post, by its link."),
        help_text=_("Paste the link of a YouTube video or a public post."),
    )
    faq = FAQBlock()
