"""
The demo site's texts and histories, written for this project (never copied from elsewhere),
played by `manage.py seed_demo`.

- history.py: the steps an item's life is made of (in days before the day the command runs),
  and the demo's people by username;
- people.py: the demo users, their passwords, the reviewers' profiles in both languages;
- english.py: categories, authors, notices, site pages, INVAblog articles and FAQ entries;
- turkish.py: Turkish categories and the Turkish translations of some of those items, each
  with its own history.

Figures (images with alt text, caption and credit) are not part of the demo yet: they will
belong in a module of their own here, named by the articles whose bodies show them.
"""
