from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='documenttemplate',
            name='kind',
            field=models.CharField(choices=[('registration', 'Bản đăng ký thi đua'), ('cover_letter', 'Công văn gửi bản đăng ký thi đua'), ('block_registration', 'Tổng hợp đăng ký thi đua của khối')], max_length=30, unique=True, verbose_name='loại văn bản'),
        ),
    ]
