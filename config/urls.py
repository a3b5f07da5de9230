from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from events import certificate_views
from home import views as home_views
from home.health import healthz
from home.seo import robots_txt, sitemap
from search.views import search_view

# Admin and documents are language-neutral: they stay outside i18n_patterns.
urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Uploaded images from the local disk. On a real deployment a web server or
    # object storage (S3) serves them; `make serve` uses this to run on the embedded defaults.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns.append(
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

# Indonesian lives at "/" with no prefix, English under "/en/". Wagtail's catch-all
# comes last so app routes defined above it win.
urlpatterns += i18n_patterns(
    # A translated path: /cari/ in Indonesian, /en/search/ in English. /search/ and
    # /en/cari/ fall through to Wagtail and are 404s.
    path(_("search/"), search_view, name="search"),
    # /sertifikat/<number>/ and /en/certificate/<number>/: anyone can check a certificate.
    *certificate_views.urlpatterns,
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = home_views.page_not_found
handler500 = home_views.server_error
