import factory
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import Role

PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.test")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(self, create, extracted: Role | None, **kwargs):
        if create and extracted:
            # get_or_create: transactional (browser) tests flush the groups the migration made.
            self.groups.add(Group.objects.get_or_create(name=Role(extracted).value)[0])
