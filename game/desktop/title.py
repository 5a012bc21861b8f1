"""The title screen: new game, continue (the latest autosave), load, settings, the
endings gallery and quit, beside a large score dial. In a workshop a badge at the top right
shows the session code (so the facilitator can check every laptop shows the same one) and
whether anonymous session logs are being saved, and the menu offers only the session's game:
a new game (which asks for a pseudonym and is logged), settings and quit; no Continue or Load,
which would resume another player's game with another seed and mode (#13 item 8)."""

from __future__ import annotations

import pygame

from ..engine import InputError
from ..engine.scoring.engine import model_of
from ..engine.scoring.queries import story_years
from .inputs import Input
from .screen import Screen
from .widgets import Button, ButtonList, button_height, draw_button, label_line, rrect, thick_arc


def title_emblem(story) -> tuple[int, float, str, str] | None:
    """What the title's dial shows for ``story``: (the score every game starts at, where it sits in the
    score's range 0..1, its tier's title, the score app's tagline or name); None without a score."""
    model = model_of(story)
    rules = model.rules if model is not None else None
    if rules is None:
        return None
    span = rules.max - rules.min
    fraction = (rules.start - rules.min) / span if span > 0 else 0.0
    tier = rules.tier_of(rules.start)
    return (
        rules.start,
        max(0.0, min(1.0, fraction)),
        tier.title if tier else "",
        model.app_tagline or model.app_name,
    )


class TitleScreen(Screen):
    name = "title"

    def __init__(self, app):
        super().__init__(app)
        self.list = ButtonList()
        self.boxes: list = []

    def _story_button(self) -> list[Button]:
        """With more than one shipped scenario on offer: which story New game, Continue, Load and Endings
        are about; choosing it switches to the next."""
        if len(self.app.scenarios) < 2:
            return []
        return [Button("Story", "story", value=self.app.story.title)]

    def layout(self) -> None:
        t = self.theme
        w, h = self.app.surface.get_size()
        if self.app.in_workshop:
            has_auto = False
            buttons = [Button("New game", "new"), Button("Settings", "settings"), Button("Quit", "quit")]
        else:
            has_auto = self.app.slots.has_autosave()
            buttons = [
                Button("Continue", "continue", enabled=has_auto),
                Button("New game", "new"),
                *self._story_button(),
                Button("Load game", "load"),
                Button("Endings", "gallery"),
                Button("Settings", "settings"),
                Button("Quit", "quit"),
            ]
        focus = self.list.focus
        self.list.set(buttons)
        new = next(i for i, b in enumerate(buttons) if b.data == "new")
        self.list.focus = focus if focus is not None and focus < len(buttons) else (0 if has_auto else new)
        self.col = pygame.Rect(t.px(96), 0, min(t.px(440), w // 2 - t.px(96)), h)
        self.badge = None
        self.head_px = t.huge
        heading_h = self.cache.height(self.app.story.title, "serif_bold", self.head_px, self.col.w, 1.1)
        desc_h = self.cache.height(self.app.story.description or "", "serif_italic", t.ui, self.col.w, 1.5)
        bh = button_height(self.cache, t, buttons[0], self.col.w)
        gap = t.px(8)
        menu_h = len(buttons) * bh + (len(buttons) - 1) * gap
        # the page ends above the footer line; with huge text in a small window the
        # description gives way first, so the menu is always whole
        self.bottom = h - t.px(20) - self.cache.font("sans", t.font_px(12.5)).get_height() - t.px(12)
        total = t.px(20) + heading_h + t.px(10) + desc_h + t.px(30) + menu_h
        self.show_desc = total <= self.bottom - t.px(24)
        if not self.show_desc:
            total -= desc_h  # (the gap under the heading stays)
            desc_h = 0
        if total > self.bottom - t.px(24):
            # a long story title in a small window: then the heading steps down to the title size
            self.head_px = t.title
            smaller = self.cache.height(self.app.story.title, "serif_bold", self.head_px, self.col.w, 1.1)
            total -= heading_h - smaller
            heading_h = smaller
        y = max(t.px(24), (self.bottom - total) // 2)
        self.head_y = y + t.px(20)
        self.desc_y = self.head_y + heading_h + t.px(10)
        y = self.desc_y + desc_h + t.px(30)
        for b in buttons:
            b.rect = pygame.Rect(self.col.x, y, self.col.w, bh)
            y += bh + gap
        self._layout_badge()

    def _layout_badge(self) -> None:
        t = self.theme
        w, _h = self.app.surface.get_size()
        code, logging = self.app.session_code, self.app.log_dir is not None
        self.badge = None
        if not code and not logging:
            return
        text = f"Workshop session {code}" if code else "Session logs on"
        sub = "Anonymous session logs are saved" if logging else ""
        self.art = pygame.Rect(self.col.right + t.px(16), 0, w - self.col.right - t.px(16), self.bottom)
        room = self.art.w - 2 * t.px(24)
        font = self.cache.font("sans_semi", t.small)
        pad = t.px(14)
        tw, th = font.size(text)
        tw = min(tw, room - 2 * pad)
        pill = pygame.Rect(0, t.px(24), tw + 2 * pad, th + t.px(14))
        pill.right = w - t.px(24)
        self.badge = (pill, text, sub)

    def handle(self, inp: Input) -> None:
        if inp.action == "back":
            return
        picked = self.list.handle(inp)
        if picked is None:
            return
        self.app.sounds.play("click")
        self.pick(picked.data)

    def pick(self, what: str) -> None:
        from .gallery import GalleryScreen
        from .saveload import SaveLoadScreen
        from .settings_screen import SettingsScreen
        from .storage import AUTOSAVE

        if what == "new":
            self._new_game()
        elif what == "story":
            self.app.next_scenario()
        elif what == "continue":
            try:
                self.app.load_game(self.app.slots.load(AUTOSAVE))
            except InputError as exc:
                self.app.toast(
                    f"Could not continue: {exc.diagnostics[0].message if exc.diagnostics else exc}"
                )
        elif what == "load":
            self.app.push(SaveLoadScreen(self.app, "load"))
        elif what == "gallery":
            self.app.push(GalleryScreen(self.app))
        elif what == "settings":
            self.app.push(SettingsScreen(self.app))
        elif what == "quit":
            self.app.quit()

    def _new_game(self) -> None:
        """A new game, after asking when it would replace the autosave of a game under way (the
        first choice of the new one overwrites it). A workshop never resumes the autosave, so
        it does not ask."""
        from .confirm import ConfirmScreen
        from .saveload import describe
        from .storage import AUTOSAVE

        info = self.app.slots.info(AUTOSAVE)
        if self.app.in_workshop or not info.exists or info.ended or info.error:
            self.app.new_game()
            return
        shown = describe(info)[1].replace("\n", ". ")
        detail = (
            f"Your game under way ({info.label or 'Untitled'}: {shown}) is replaced when you make your first "
            "choice. To keep it, Continue it and save it to a slot first."
        )
        self.app.push(
            ConfirmScreen(self.app, "Start a new game?", detail, "Start a new game", self.app.new_game)
        )

    def draw(self, surf: pygame.Surface) -> None:
        t, p = self.theme, self.theme.palette
        w, h = surf.get_size()
        surf.fill(p.bg)
        self._art(surf)
        self.boxes = []
        years = story_years(self.app.story)
        span = (
            "" if not years else f"  ·  {years[0]}" if years[0] == years[1] else f"  ·  {years[0]}–{years[1]}"
        )
        lbl = self.cache.line(f"A STORY ABOUT BEING COUNTED{span}", "sans_bold", t.label, p.accent)
        surf.blit(lbl, (self.col.x, self.head_y - lbl.get_height() - t.px(4)))
        head = self.cache.block(self.app.story.title, "serif_bold", self.head_px, p.ink, self.col.w, 1.1)
        head.draw(surf, self.col.x, self.head_y)
        self.boxes.append(
            (self.col.inflate(2, 0), pygame.Rect(self.col.x, self.head_y, head.width, head.height), "title")
        )
        if self.show_desc:
            desc = self.cache.block(
                self.app.story.description or "", "serif_italic", t.ui, p.muted, self.col.w, 1.5
            )
            desc.draw(surf, self.col.x, self.desc_y)
        page = pygame.Rect(self.col.x - 1, 0, self.col.w + 2, self.bottom)
        for i, b in enumerate(self.list.buttons):
            hovered, focused = self.list.state(i)
            draw_button(surf, self.cache, t, b, hovered, focused, b.rect)
            self.boxes.append((page, b.rect, b.label))
        # the credit belongs to Pearl's story; the Western one draws on many sources (its facts say which)
        credit = (
            "Inspired by reporting on Alibaba’s Sesame Credit. "
            if self.app.story.id == "social_score"
            else ""
        )
        foot = self.cache.line(
            f"{credit}↑ ↓ to move, Enter to choose, F11 for fullscreen.",
            "sans",
            t.font_px(12.5),
            p.faint,
        )
        surf.blit(foot, (self.col.x, h - t.px(20) - foot.get_height()))
        self._draw_badge(surf)

    def _draw_badge(self, surf) -> None:
        if self.badge is None:
            return
        t, p = self.theme, self.theme.palette
        pill, text, sub = self.badge
        rrect(surf, p.card, pill, pill.h // 2)
        rrect(surf, p.accent, pill, pill.h // 2, max(1, t.px(1.5)))
        line = label_line(self.cache, text, "sans_semi", t.small, p.ink, pill.w - 2 * t.px(14))
        r = line.get_rect(center=pill.center)
        surf.blit(line, r)
        self.boxes.append((self.art, pill, text))
        if sub:
            s = label_line(self.cache, sub, "sans", t.label, p.muted, self.art.w - 2 * t.px(24))
            sr = s.get_rect(topright=(pill.right - t.px(4), pill.bottom + t.px(8)))
            surf.blit(s, sr)
            self.boxes.append((self.art, sr, sub))

    def _art(self, surf) -> None:
        """A large, quiet score dial on the right: the story's emblem. It shows the story's own score
        as every game starts it (the number, its tier, the needle's place in the score's range) and
        the score app's tagline; a story without a score shows the empty dial."""
        t, p = self.theme, self.theme.palette
        w, h = surf.get_size()
        cx = self.col.right + (w - self.col.right) // 2
        radius = min((w - self.col.right) * 0.36, h * 0.34)
        center = (cx, h // 2 + radius * 0.08)
        band = radius * 0.09
        thick_arc(surf, p.card, center, radius, band, -120, 120)
        thick_arc(surf, p.card, center, radius * 0.78, band * 0.35, -120, 120)
        emblem = title_emblem(self.app.story)
        if emblem is None:
            return
        score, fraction, tier, tagline = emblem
        if fraction > 0:
            thick_arc(surf, p.accent, center, radius, band, -120, -120 + 240 * fraction)
        num = self.cache.line(str(score), "sans_bold", t.font_px(96), p.ink, smart=False)
        surf.blit(num, num.get_rect(center=(center[0], center[1] - radius * 0.08)))
        if tier:
            cap = self.cache.line(tier.upper(), "sans_bold", t.font_px(15), p.accent)
            surf.blit(cap, cap.get_rect(center=(center[0], center[1] + radius * 0.3)))
        if tagline:
            small = label_line(
                self.cache, tagline, "serif_italic", t.font_px(15), p.muted, round(radius * 1.9)
            )
            surf.blit(small, small.get_rect(center=(center[0], center[1] + radius * 0.3 + t.px(30))))

    def text_boxes(self):
        return self.boxes
