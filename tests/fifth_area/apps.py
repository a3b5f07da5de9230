from django.apps import AppConfig


class FifthAreaConfig(AppConfig):
    name = "tests.fifth_area"
    label = "fifth_area"
