"""The story screen: the scene's text in a readable column, choices as buttons, and the
score app beside it.

The typewriter reveals a scene in the settings' time (about 3 s at "normal"; a click, Space,
Enter or a number key shows it all, and a hint at the foot of the column says so); choices
appear once the text is shown. A choice is taken only while the player can see it: keyboard
focus starts afresh in every scene, and Enter or a number key for a choice below the fold
scrolls it into view first. "More below" marks a column that continues under the fold.
Keys: 1-9 pick a choice, arrows/Tab + Enter, Backspace or Ctrl+Z undo, H history, Esc the
menu, ←/→ the score app's tabs (the wheel over the phone scrolls its lists); the mouse has buttons for each.

In a workshop the header shows the session code, quietly, and when undo is locked the Undo
button stays in its place, greyed, with a note on hover ("Undo is off in this workshop").
Choices and undo go through the app (:meth:`App.choose`, :meth:`App.undo`), which logs them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ..engine import ChoiceError, Frame, Status, UndoLocked
from ..engine.techniques import aside, named
from . import scoreview
from .inputs import Input
from .measure import column_width
from .memory import give_back
from .notes import UNDO_OFF, UNDO_OFF_SESSION
from .phone import ScorePanel
from .screen import Screen
from .text import Block
from .widgets import Button, ButtonList, button_height, draw_button, label_line, rrect, scrollbar


@dataclass
class Piece:
    """A laid-out piece of the column: a text block at y (content coordinates)."""

    block: Block
    role: str
    size: int
    x: int
    y: int
    typed: bool  # revealed by the typewriter
    bar: bool = False  # an aside, marked by a bar at its left (the after: text is another)


class StoryScreen(Screen):
    name = "story"

    def __init__(self, app):
        super().__init__(app)
        self.panel = ScorePanel(app)
        self.choices = ButtonList(numbers=True)
        self.tools = ButtonList()
        self.pieces: list[Piece] = []
        self.frame: Frame | None = None
        self.revealed = 0.0
        self.total_chars = 0
        self.scroll = 0.0
        self.content_h = 0
        self.view = pygame.Rect(0, 0, 0, 0)
        self.column = pygame.Rect(0, 0, 0, 0)
        self._frame_key = None
        self.pointer: tuple[int, int] | None = None
        self.tag: tuple[pygame.Rect, str] | None = None
        self.speed = 0.0  # the typewriter's characters per second for this scene
        self.hint_rect: pygame.Rect | None = None  # the foot-of-column hint, when drawn
        self.panel.set_view(self._score_view(), animate=False)
        self.load_frame(reset=True)

    # -- data ----------------------------------------------------------------------
    @property
    def session(self):
        return self.app.session

    def _score_view(self) -> scoreview.ScoreData:
        return scoreview.read(self.app.story, self.session.state)

    def load_frame(self, reset: bool) -> None:
        """Show the session's current frame (``reset`` restarts the typewriter)."""
        self.frame = self.session.frame()
        if reset:
            self.revealed = 0.0 if self.app.settings.scene_seconds else float("inf")
            self.scroll = 0.0
            self.choices.focus = None  # a new scene: nothing is chosen for the player in advance
            give_back()  # the last scene's text may have left the cache: free its pages
        self.layout()
        self.app.dirty = True

    # -- geometry ------------------------------------------------------------------
    def layout(self) -> None:
        t = self.theme
        w, h = self.app.surface.get_size()
        margin = t.px(36)
        phone_w = min(t.px(340), round(w * 0.3))
        phone_h = h - 2 * t.px(28)
        self.panel.layout(pygame.Rect(w - margin - phone_w, t.px(28), phone_w, phone_h))
        area = pygame.Rect(margin, 0, self.panel.rect.x - 2 * margin, h)
        col_w = column_width(self.cache, t, area.w)
        self.column = pygame.Rect(area.x + (area.w - col_w) // 2, 0, col_w, h)
        top = t.px(76)
        self.view = pygame.Rect(self.column.x - t.px(8), top, col_w + t.px(16), h - top - t.px(20))
        self._layout_tools()
        self._layout_content()

    def _layout_tools(self) -> None:
        t = self.theme
        size = t.font_px(14.5)
        buttons = [Button("Menu", "menu", value=""), Button("History", "history")]
        locked = self.session.undo_locked
        note = self._undo_off_note() if locked else ""
        buttons.insert(1, Button("Undo", "undo", enabled=self.session.can_undo, note=note))
        x = self.column.right
        y = t.px(24)
        for b in buttons:
            tw = self.cache.font("sans_semi", size).size(b.label)[0]
            b.rect = pygame.Rect(0, y, tw + t.px(28), round(size * 2.3))
            b.rect.right = x
            x = b.rect.left - t.px(8)
        self.tools.set(buttons)
        self._tool_size = size
        self._layout_tag()

    def _undo_off_note(self) -> str:
        return UNDO_OFF if self.app.workshop.undo_locked else UNDO_OFF_SESSION

    def _layout_tag(self) -> None:
        """The session code, small and faint, between the chapter label and the tools (left out
        when the window leaves no room for it)."""
        t = self.theme
        code = self.app.session_code
        self.tag = None
        if not code or self.frame is None:
            return
        label = "THE END" if self.frame.status == Status.ENDED else self._chapter_label()
        left = self.column.x + self.cache.font("sans_bold", t.label).size(label)[0] + t.px(18)
        right = min(b.rect.left for b in self.tools.buttons) - t.px(14)
        text = f"Session {code}"
        font = self.cache.font("sans", t.label)
        tw, th = font.size(text)
        if right - left < tw:
            return
        y = t.px(24) + (round(self._tool_size * 2.3) - th) // 2
        self.tag = (pygame.Rect(right - tw, y, tw, th), text)

    def _layout_content(self) -> None:
        t, p = self.theme, self.theme.palette
        f = self.frame
        col = self.column
        pieces: list[Piece] = []
        y = t.px(8)
        if f.after:
            blk = self.cache.block(f.after, "serif_italic", t.body, p.muted, col.w - t.px(20), leading=1.6)
            pieces.append(Piece(blk, "serif_italic", t.body, col.x + t.px(20), y, True))
            y += blk.height + t.px(26)
        if f.title:
            blk = self.cache.block(f.title, "serif_bold", t.title, p.ink, col.w, leading=1.25)
            pieces.append(Piece(blk, "serif_bold", t.title, col.x, y, False))
            y += blk.height + t.px(16)
        for para in f.paragraphs:
            blk = self.cache.block(para, "serif", t.body, p.ink, col.w, leading=1.62)
            pieces.append(Piece(blk, "serif", t.body, col.x, y, True))
            y += blk.height + round(t.body * 0.9)
        for technique in named(self.app.story, self.session.state):  # the levers named here
            blk = self.cache.block(aside(technique), "sans", t.small, p.muted, col.w - t.px(20), leading=1.5)
            pieces.append(Piece(blk, "sans", t.small, col.x + t.px(20), y, True, bar=True))
            y += blk.height + round(t.body * 0.9)
        y += t.px(10)
        self.choices_top = y
        buttons = []
        if f.status == Status.CHOOSING:
            for i, c in enumerate(f.choices, 1):
                note = "" if c.enabled else (c.reason or "Not available.")
                buttons.append(Button(c.text, ("choose", c.id), c.enabled, note, i if i <= 9 else None))
        elif f.status == Status.ENDED:
            buttons.append(Button("See how it went", ("debrief", None), number=1))
            buttons.append(Button("Back to the title screen", ("title", None), number=2))
        else:
            if self.session.undo_locked:
                why = self._undo_off_note() + "."
            else:
                why = "" if self.session.can_undo else "There is nothing to undo."
            buttons.append(Button("Undo the last choice", ("undo", None), self.session.can_undo, why, 1))
            buttons.append(Button("Back to the title screen", ("title", None), number=2))
        gap = t.px(10)
        for b in buttons:
            bh = button_height(self.cache, t, b, col.w)
            b.rect = pygame.Rect(col.x, y, col.w, bh)
            y += bh + gap
        self.choices.set(buttons)
        self.pieces = pieces
        self.total_chars = sum(pc.block.chars for pc in pieces if pc.typed)
        self.speed = self.app.settings.chars_per_second(self.total_chars)
        self.content_h = y
        self._clamp_scroll()

    def _clamp_scroll(self) -> None:
        self.scroll = max(0.0, min(self.scroll, float(max(0, self.content_h - self.view.h))))

    # -- state -----------------------------------------------------------------------
    @property
    def typing(self) -> bool:
        return self.revealed < self.total_chars

    @property
    def animating(self) -> bool:
        return self.typing or self.panel.animating

    def finish_typing(self) -> None:
        self.revealed = float("inf")
        self.app.dirty = True

    def update(self, dt: float) -> None:
        if self.typing:
            self.revealed += dt * max(1.0, self.speed)
            self._follow_typing()
        self.panel.update(dt)

    def _follow_typing(self) -> None:
        """Keep the newest typed line in view when the text is longer than the column."""
        left = self.revealed
        for pc in self.pieces:
            if not pc.typed:
                continue
            if left < pc.block.chars:
                shown = 0
                for i, line in enumerate(pc.block.lines):
                    shown += len(line)
                    if shown >= left:
                        bottom = pc.y + (i + 1) * pc.block.line_h
                        self.scroll = max(self.scroll, bottom - self.view.h + self.theme.px(20))
                        self._clamp_scroll()
                        return
            left -= pc.block.chars

    def ensure_visible(self, rect: pygame.Rect) -> None:
        if rect.top < self.scroll:
            self.scroll = rect.top - self.theme.px(10)
        elif rect.bottom > self.scroll + self.view.h:
            self.scroll = rect.bottom - self.view.h + self.theme.px(10)
        self._clamp_scroll()

    def shows(self, rect: pygame.Rect) -> bool:
        """Whether the player can see ``rect`` (content coordinates) in the column: all of it,
        or as much of it as the column can hold."""
        top, bottom = max(rect.top, self.scroll), min(rect.bottom, self.scroll + self.view.h)
        return bottom - top >= min(rect.h, self.view.h) - 1

    @property
    def more_below(self) -> bool:
        return self.scroll + self.view.h < self.content_h - 1

    # -- input -----------------------------------------------------------------------
    def handle(self, inp: Input) -> None:
        """An input goes to the first part that takes it: the toolbar, the score app beside the
        story, the game's keys (menu, history, undo), the reading (typing, scrolling), the choices."""
        if self._handle_tools(inp) or self._handle_panel(inp) or self._handle_keys(inp):
            return
        if not self._handle_reading(inp):
            self._handle_choices(inp)

    def _handle_tools(self, inp: Input) -> bool:
        a = inp.action
        tool = self.tools.handle(inp) if a in ("point", "click") else None
        if a == "click" and tool is None:
            i = self.tools.at(inp.pos)
            if i is not None and self.tools.buttons[i].data == "undo" and self.session.undo_locked:
                self.app.toast(self.tools.buttons[i].note)
                return True
        if tool is not None:
            self.app.sounds.play("click")
            self._tool(tool.data)
            return True
        return False

    def _handle_panel(self, inp: Input) -> bool:
        a = inp.action
        if inp.pos is not None:
            self.pointer = inp.pos
        if self.panel.handle(inp):
            return True
        if a == "scroll" and self.pointer is not None and self.panel.rect.collidepoint(self.pointer):
            self.panel.scroll(inp.value)
            return True
        if a in ("left", "right") and self.panel.data.active:
            self.panel.cycle_tab(-1 if a == "left" else 1)
            return True
        return False

    #: the game's own keys: the input's action -> the tool it opens
    KEYS = {"back": "menu", "alt_click": "menu", "history": "history", "undo": "undo"}

    def _handle_keys(self, inp: Input) -> bool:
        tool = self.KEYS.get(inp.action)
        if tool is not None:
            self._tool(tool)
        return tool is not None

    def _handle_reading(self, inp: Input) -> bool:
        a = inp.action
        if self.typing:
            # while text types, a click, Space or Enter shows it all at once
            if a in ("confirm", "click", "number"):
                self.finish_typing()
            elif a == "scroll":
                self._scroll(inp.value)
            return True
        if a == "scroll":
            self._scroll(inp.value)
        elif a in ("page_up", "page_down"):
            self.scroll += (-1 if a == "page_up" else 1) * self.view.h * 0.8
            self._clamp_scroll()
        elif a in ("home", "end"):
            self.scroll = 0.0 if a == "home" else float(self.content_h)
            self._clamp_scroll()
        else:
            return False
        return True

    def _handle_choices(self, inp: Input) -> None:
        a = inp.action
        if a in ("point", "click"):
            if not self.view.collidepoint(inp.pos):
                self.choices.hover = None
                return
            inp = Input(a, (inp.pos[0], inp.pos[1] - self.view.y + round(self.scroll)))
        picked = self.choices.handle(inp)
        if a in ("up", "down") and self.choices.focus is not None:
            self.ensure_visible(self.choices.buttons[self.choices.focus].rect)
        if picked is not None and not self.shows(picked.rect):
            # never take a choice the player cannot see: bring it into view (focused) instead
            self.choices.focus = self.choices.buttons.index(picked)
            self.ensure_visible(picked.rect)
            return
        if picked is not None:
            self.app.sounds.play("click")
            self._pick(*picked.data)

    def _scroll(self, clicks: int) -> None:
        self.scroll -= clicks * self.theme.px(60)
        self._clamp_scroll()

    def _tool(self, what: str) -> None:
        from .history import HistoryScreen
        from .menu import GameMenu

        if what == "menu":
            self.app.push(GameMenu(self.app))
        elif what == "history":
            self.app.push(HistoryScreen(self.app))
        elif what == "undo":
            self.undo()

    def undo(self) -> None:
        try:
            if self.app.undo():
                self.panel.clear_notices()
                self.panel.set_view(self._score_view())
                self.load_frame(reset=True)
                self.finish_typing()
                self.app.autosave()
                self.app.toast("Undone")
            else:
                self.app.toast("Nothing to undo")
        except UndoLocked:
            self.app.toast(self._undo_off_note())

    def _pick(self, kind: str, choice_id: str | None) -> None:
        if kind == "choose":
            try:
                events = self.app.choose(choice_id)
            except ChoiceError as exc:  # the frame offered it, so this is a story bug: say so, keep going
                self.app.toast(str(exc))
                return
            self.panel.set_view(self._score_view())
            states = self.session.states
            before = states[-2] if len(states) > 1 else None
            self.panel.push(scoreview.visible_notices(events, self.app.story, self.session.state, before))
            self.app.record_ending()
            self.app.autosave()
            self.load_frame(reset=True)
        elif kind == "debrief":
            from .debrief import DebriefScreen

            # the reflection questions again (when asked for), then the debrief
            self.app.after_ending(lambda: self.app.push(DebriefScreen(self.app)))
        elif kind == "title":
            if self.session.ended:
                self.app.after_ending(self.app.to_title)
            else:
                self.app.to_title()
        elif kind == "undo":
            self.undo()

    # -- drawing -----------------------------------------------------------------------
    def draw(self, surf: pygame.Surface) -> None:
        t, p = self.theme, self.theme.palette
        surf.fill(p.bg)
        w, h = surf.get_size()
        # header: chapter and turn on the left, tools on the right
        f = self.frame
        label = "THE END" if f.status == Status.ENDED else self._chapter_label()
        lbl = self.cache.line(label, "sans_bold", t.label, p.accent)
        surf.blit(lbl, (self.column.x, t.px(24) + (round(self._tool_size * 2.3) - lbl.get_height()) // 2))
        if self.tag is not None:
            rect, text = self.tag
            surf.blit(self.cache.line(text, "sans", t.label, p.faint, smart=False), rect)
        for i, b in enumerate(self.tools.buttons):
            hovered, _ = self.tools.state(i)
            self._draw_tool(surf, b, hovered)
        pygame.draw.line(
            surf,
            p.card_line,
            (self.column.x, self.view.y - t.px(10)),
            (self.column.right, self.view.y - t.px(10)),
        )
        # the column, clipped to its viewport and scrolled
        prev = surf.get_clip()
        surf.set_clip(self.view)
        dy = self.view.y - round(self.scroll)
        left = self.revealed
        for pc in self.pieces:
            if pc.role == "serif_italic" or pc.bar:
                bar = pygame.Rect(self.column.x, pc.y + dy + t.px(4), t.px(3), pc.block.height - t.px(8))
                rrect(surf, p.accent, bar, t.px(2))
            if pc.typed:
                font = self.cache.font(pc.role, pc.size)
                pc.block.draw(
                    surf,
                    pc.x,
                    pc.y + dy,
                    reveal=None if left >= pc.block.chars else int(left),
                    font=font,
                    clip=self.view,
                )
                left -= pc.block.chars
                if left <= 0:
                    break
            else:
                pc.block.draw(surf, pc.x, pc.y + dy, clip=self.view)
        if not self.typing:
            for i, b in enumerate(self.choices.buttons):
                hovered, focused = self.choices.state(i)
                draw_button(
                    surf, self.cache, t, b, hovered, focused, b.rect.move(0, dy), role="serif", size=t.ui
                )
        surf.set_clip(prev)
        self._draw_scroll_hints(surf)
        self.panel.draw(surf)
        self._draw_tool_note(surf)

    def _draw_tool_note(self, surf) -> None:
        """A tooltip under a hovered tool that has a note (the locked Undo)."""
        t, p = self.theme, self.theme.palette
        i = self.tools.hover
        if i is None or not self.tools.buttons[i].note:
            return
        b = self.tools.buttons[i]
        w = surf.get_width()
        txt = label_line(self.cache, b.note, "sans", t.small, p.ink, w - 2 * t.px(16))
        pad = t.px(10)
        tip = pygame.Rect(0, b.rect.bottom + t.px(8), txt.get_width() + 2 * pad, txt.get_height() + pad)
        tip.centerx = b.rect.centerx
        tip.clamp_ip(surf.get_rect())
        rrect(surf, p.card_hover, tip, t.px(8))
        rrect(surf, p.card_line, tip, t.px(8), 1)
        surf.blit(txt, txt.get_rect(center=tip.center))

    def _chapter_label(self) -> str:
        story = self.app.story
        chapter = story.chapters.get(self.frame.chapter) if self.frame.chapter else None
        parts = [chapter.title.upper()] if chapter else []
        parts.append(f"TURN {self.frame.turn}")
        return "  ·  ".join(parts)

    def _draw_tool(self, surf, b: Button, hovered: bool) -> None:
        p = self.theme.palette
        colour = p.ink if b.enabled else p.disabled
        if hovered and b.enabled:
            rrect(surf, p.card_hover, b.rect, b.rect.h // 2)
        rrect(surf, p.card_line, b.rect, b.rect.h // 2, 1)
        txt = self.cache.line(b.label, "sans_semi", self._tool_size, colour)
        surf.blit(txt, txt.get_rect(center=b.rect.center))

    def _draw_scroll_hints(self, surf) -> None:
        self.hint_rect = None
        scrollbar(surf, self.theme, self.view, self.scroll, self.content_h)
        if self.typing:
            self._draw_hint(surf, "Click or press Space to show all the text")
        elif self.more_below:
            self._draw_hint(surf, "More below  ·  scroll or press ↓", fade=True)

    def _draw_hint(self, surf, text: str, fade: bool = False) -> None:
        """A small pill at the foot of the column (over a fade of the text when ``fade``)."""
        t, p = self.theme, self.theme.palette
        if fade:
            band = pygame.Surface((self.view.w, t.px(36)), pygame.SRCALPHA)
            for i in range(band.get_height()):
                band.fill((*p.bg, round(255 * i / band.get_height())), (0, i, band.get_width(), 1))
            surf.blit(band, (self.view.x, self.view.bottom - band.get_height()))
        label = self.cache.line(text, "sans_semi", t.label, p.muted)
        pad = t.px(10)
        pill = pygame.Rect(0, 0, label.get_width() + 2 * pad, label.get_height() + pad)
        pill.midbottom = (self.column.centerx, self.view.bottom - t.px(4))
        rrect(surf, p.card, pill, pill.h // 2)
        rrect(surf, p.card_line, pill, pill.h // 2, 1)
        surf.blit(label, label.get_rect(center=pill.center))
        self.hint_rect = pill

    def text_boxes(self):
        # content coordinates: the column scrolls, so only its width bounds the text
        column = pygame.Rect(self.column.x - 1, 0, self.column.w + 2, max(self.content_h, self.view.h) + 1)
        boxes = []
        for pc in self.pieces:
            boxes.append(
                (
                    column,
                    pygame.Rect(pc.x, pc.y, pc.block.width, pc.block.height),
                    pc.block.lines[0] if pc.block.lines else "",
                )
            )
        for b in self.choices.buttons:
            boxes.append((column, b.rect, b.label))
        if self.tag is not None:
            header = pygame.Rect(self.column.x, 0, self.column.w, self.view.y)
            boxes.append((header, self.tag[0], self.tag[1]))
        return boxes + self.panel.boxes
